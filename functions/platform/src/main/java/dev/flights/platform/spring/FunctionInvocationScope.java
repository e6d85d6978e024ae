package dev.flights.platform.spring;

import com.microsoft.azure.functions.ExecutionContext;
import com.microsoft.azure.functions.annotation.FunctionName;
import dev.flights.platform.correlation.Correlation;
import dev.flights.platform.logging.CurrentInvocation;
import java.lang.reflect.Method;
import org.aopalliance.intercept.MethodInterceptor;
import org.aopalliance.intercept.MethodInvocation;
import org.slf4j.MDC;
import org.springframework.aop.framework.ProxyFactory;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.util.ClassUtils;
import org.springframework.util.ReflectionUtils;

/**
 * Wraps every bean that has {@code @FunctionName} methods in a subclass proxy that, around each of those methods,
 * binds the invocation's {@link ExecutionContext} to the thread (so its log lines reach the host tied to it) and
 * afterwards clears the invocation, the correlation id and the MDC: the worker runs invocations on pooled threads.
 * The Spring adapter's instance injector returns this proxy (it asks for beans of the function class, and the proxy
 * is one), the worker calls the function method on it, and so does the local host.
 */
final class FunctionInvocationScope implements BeanPostProcessor {

    @Override
    public Object postProcessAfterInitialization(Object bean, String beanName) {
        Class<?> type = ClassUtils.getUserClass(bean);
        if (!hasFunctions(type)) {
            return bean;
        }
        ProxyFactory proxy = new ProxyFactory(bean);
        proxy.setProxyTargetClass(true);
        proxy.addAdvice(new Binding());
        return proxy.getProxy(type.getClassLoader());
    }

    static boolean hasFunctions(Class<?> type) {
        for (Method method : ReflectionUtils.getUniqueDeclaredMethods(type)) {
            if (method.isAnnotationPresent(FunctionName.class)) {
                return true;
            }
        }
        return false;
    }

    private static final class Binding implements MethodInterceptor {

        @Override
        public Object invoke(MethodInvocation invocation) throws Throwable {
            if (!invocation.getMethod().isAnnotationPresent(FunctionName.class)) {
                return invocation.proceed();
            }
            for (Object argument : invocation.getArguments()) {
                if (argument instanceof ExecutionContext context) {
                    CurrentInvocation.bind(context);
                }
            }
            try {
                return invocation.proceed();
            } finally {
                CurrentInvocation.clear();
                Correlation.clear();
                MDC.clear();
            }
        }
    }
}
