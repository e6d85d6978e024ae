package dev.flights.platform.inprocess;

import com.microsoft.azure.functions.ExecutionContext;
import java.util.logging.Logger;

/**
 * The execution context the Functions host passes to every invocation: a logger, an invocation id, a name. Its
 * logger goes nowhere: the worker would send its lines to the host, but the local host prints every line on its
 * console already.
 */
public record InProcessExecutionContext(String functionName, String invocationId) implements ExecutionContext {

    private static final Logger SILENT = silent();

    public static InProcessExecutionContext of(String functionName) {
        return new InProcessExecutionContext(functionName, RandomIds.uuid().toString());
    }

    @Override
    public Logger getLogger() {
        return SILENT;
    }

    @Override
    public String getInvocationId() {
        return invocationId;
    }

    @Override
    public String getFunctionName() {
        return functionName;
    }

    private static Logger silent() {
        Logger logger = Logger.getAnonymousLogger();
        logger.setUseParentHandlers(false);
        return logger;
    }
}
