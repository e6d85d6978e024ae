package dev.flights.localhost.triggers;

import com.microsoft.azure.functions.ExecutionContext;
import com.microsoft.azure.functions.annotation.BindingName;
import com.microsoft.azure.functions.annotation.CosmosDBTrigger;
import com.microsoft.azure.functions.annotation.HttpTrigger;
import com.microsoft.azure.functions.annotation.ServiceBusTopicTrigger;
import dev.flights.localhost.discovery.FunctionDefinition;
import dev.flights.platform.inprocess.InProcessExecutionContext;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Parameter;
import java.util.Map;

/**
 * Calls one {@code @FunctionName} method on its Spring bean, binding parameters as the Java worker does: the trigger
 * payload to the trigger parameter, route values to {@code @BindingName} parameters, and an {@link ExecutionContext}.
 * The bean is the platform's invocation-scope proxy, which clears the invocation's correlation id afterwards, as it
 * does under the worker.
 */
public final class FunctionInvoker {

    private final FunctionDefinition definition;
    private final Object instance;

    public FunctionInvoker(FunctionDefinition definition, Object instance) {
        this.definition = definition;
        this.instance = instance;
    }

    public FunctionDefinition definition() {
        return definition;
    }

    /**
     * @param triggerValue the HTTP request, the message body or the JSON array of changed documents
     * @param bindingData route values by name
     */
    public Object invoke(Object triggerValue, Map<String, String> bindingData) throws Exception {
        Parameter[] parameters = definition.method().getParameters();
        Object[] arguments = new Object[parameters.length];
        for (int i = 0; i < parameters.length; i++) {
            Parameter p = parameters[i];
            if (p.isAnnotationPresent(HttpTrigger.class) || p.isAnnotationPresent(ServiceBusTopicTrigger.class)
                    || p.isAnnotationPresent(CosmosDBTrigger.class)) {
                arguments[i] = triggerValue;
            } else if (p.isAnnotationPresent(BindingName.class)) {
                arguments[i] = bindingData.get(p.getAnnotation(BindingName.class).value());
            } else if (ExecutionContext.class.isAssignableFrom(p.getType())) {
                arguments[i] = InProcessExecutionContext.of(definition.name());
            } else {
                throw new IllegalStateException(definition.name() + ": cannot bind parameter " + p);
            }
        }
        try {
            return definition.method().invoke(instance, arguments);
        } catch (InvocationTargetException e) {
            if (e.getCause() instanceof Exception cause) {
                throw cause;
            }
            throw e;
        }
    }
}
