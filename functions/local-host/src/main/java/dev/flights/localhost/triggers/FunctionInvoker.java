package dev.flights.localhost.triggers;

import com.microsoft.azure.functions.ExecutionContext;
import com.microsoft.azure.functions.annotation.BindingName;
import com.microsoft.azure.functions.annotation.CosmosDBTrigger;
import com.microsoft.azure.functions.annotation.HttpTrigger;
import com.microsoft.azure.functions.annotation.ServiceBusTopicTrigger;
import dev.flights.localhost.discovery.FunctionDefinition;
import dev.flights.platform.inprocess.InProcessExecutionContext;
import dev.flights.platform.metering.Meter;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Parameter;
import java.util.Map;

/**
 * Calls one {@code @FunctionName} method on its Spring bean, binding parameters as the Java worker does: the trigger
 * payload to the trigger parameter, route values to {@code @BindingName} parameters, and an {@link ExecutionContext}.
 * The bean is the platform's invocation-scope proxy, which clears the invocation's correlation id afterwards, as it
 * does under the worker. Each invocation is counted in the executions {@link Meter}, if one is given, under
 * {@code "<app> <trigger> <function>"} (trigger {@code http}, {@code serviceBus} or {@code cosmosDB}) with the
 * milliseconds it ran, as Azure counts and bills function executions.
 */
public final class FunctionInvoker {

    private final FunctionDefinition definition;
    private final Object instance;
    private final Meter executions;
    private final String executionKey;

    public FunctionInvoker(FunctionDefinition definition, Object instance) {
        this(definition, instance, new Meter());
    }

    public FunctionInvoker(FunctionDefinition definition, Object instance, Meter executions) {
        this.definition = definition;
        this.instance = instance;
        this.executions = executions;
        this.executionKey = definition.app() + " " + triggerKind(definition) + " " + definition.name();
    }

    private static String triggerKind(FunctionDefinition definition) {
        if (definition.isHttp()) {
            return "http";
        }
        return definition.isServiceBus() ? "serviceBus" : "cosmosDB";
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
        long started = System.nanoTime();
        try {
            return definition.method().invoke(instance, arguments);
        } catch (InvocationTargetException e) {
            if (e.getCause() instanceof Exception cause) {
                throw cause;
            }
            throw e;
        } finally {
            executions.record(executionKey, (System.nanoTime() - started) / 1e6);
        }
    }
}
