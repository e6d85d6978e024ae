package dev.flights.platform.inprocess;

import com.microsoft.azure.functions.ExecutionContext;
import java.util.UUID;
import java.util.logging.Logger;

/** The execution context the Functions host passes to every invocation: a logger, an invocation id, a name. */
public record InProcessExecutionContext(String functionName, String invocationId) implements ExecutionContext {

    public static InProcessExecutionContext of(String functionName) {
        return new InProcessExecutionContext(functionName, UUID.randomUUID().toString());
    }

    @Override
    public Logger getLogger() {
        return Logger.getLogger("Function." + functionName);
    }

    @Override
    public String getInvocationId() {
        return invocationId;
    }

    @Override
    public String getFunctionName() {
        return functionName;
    }
}
