package dev.flights.platform.spring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import com.microsoft.azure.functions.ExecutionContext;
import com.microsoft.azure.functions.annotation.FunctionName;
import dev.flights.platform.correlation.Correlation;
import dev.flights.platform.logging.CurrentInvocation;
import dev.flights.platform.logging.FunctionsLogging;
import dev.flights.platform.testing.RecordingExecutionContext;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

class FunctionInvocationScopeTest {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(PlatformAutoConfiguration.class))
            .withPropertyValues("FLIGHTS_IN_PROCESS=true")
            .withBean(GreetingFunctions.class)
            .withBean(PlainBean.class);

    @BeforeAll
    static void logTheFunctionsAtInfo() {
        LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
        context.getLogger(GreetingFunctions.class).setLevel(Level.INFO);
        FunctionsLogging.install(context, false);
    }

    @Test
    void theWorkersReflectiveCallOnTheInjectedBeanBindsTheInvocationForItsLogLines() {
        runner.run(context -> {
            // what the Spring adapter's instance injector hands the worker
            Object instance = context.getBeansOfType(GreetingFunctions.class).values().iterator().next();
            Method function = GreetingFunctions.class.getMethod("greet", String.class, ExecutionContext.class);
            RecordingExecutionContext invocation = new RecordingExecutionContext("greet");

            Object answer = function.invoke(instance, "ew", invocation);

            assertThat(answer).isEqualTo("hello ew");
            assertThat(instance).isInstanceOf(GreetingFunctions.class);
            assertThat(instance.getClass()).isNotEqualTo(GreetingFunctions.class);
            assertThat(invocation.messages()).containsExactly("[corr-7] FunctionInvocationScopeTest$GreetingFunctions: greeting ew");
        });
    }

    @Test
    void afterEachInvocationTheThreadKeepsNoInvocationCorrelationOrMdc() {
        runner.run(context -> {
            GreetingFunctions functions = context.getBean(GreetingFunctions.class);

            functions.greet("ew", new RecordingExecutionContext("greet"));

            assertThat(CurrentInvocation.get()).isEmpty();
            assertThat(MDC.getCopyOfContextMap()).isNullOrEmpty();
            assertThat(Correlation.current()).isNotEqualTo("corr-7");
            Correlation.clear();
        });
    }

    @Test
    void anInvocationThatThrowsIsClearedToo() {
        runner.run(context -> {
            Object instance = context.getBean(GreetingFunctions.class);
            Method function = GreetingFunctions.class.getMethod("fail", ExecutionContext.class);

            assertThatThrownBy(() -> function.invoke(instance, new RecordingExecutionContext("fail")))
                    .isInstanceOf(InvocationTargetException.class)
                    .cause().isInstanceOf(IllegalStateException.class).hasMessage("boom");
            assertThat(CurrentInvocation.get()).isEmpty();
            assertThat(MDC.get(Correlation.MDC_KEY)).isNull();
        });
    }

    @Test
    void beansWithoutFunctionsAreLeftAsTheyAre() {
        runner.run(context -> assertThat(context.getBean(PlainBean.class).getClass()).isEqualTo(PlainBean.class));
    }

    public static class GreetingFunctions {

        private static final Logger log = LoggerFactory.getLogger(GreetingFunctions.class);

        @FunctionName("greet")
        public String greet(String name, ExecutionContext context) {
            Correlation.set("corr-7");
            MDC.put("other", "x");
            log.info("greeting {}", name);
            return "hello " + name;
        }

        @FunctionName("fail")
        public void fail(ExecutionContext context) {
            Correlation.set("corr-8");
            throw new IllegalStateException("boom");
        }
    }

    public static class PlainBean {
    }
}
