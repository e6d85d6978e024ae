package dev.flights.platform.testing;

import com.microsoft.azure.functions.ExecutionContext;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * An execution context whose logger records what it is given, as the Java worker's invocation logger (an
 * anonymous java.util.logging logger at level ALL whose handler sends each record to the host) would send it.
 */
public final class RecordingExecutionContext implements ExecutionContext {

    private final String functionName;
    private final String invocationId = UUID.randomUUID().toString();
    private final List<LogRecord> records = new CopyOnWriteArrayList<>();
    private final Logger logger = Logger.getAnonymousLogger();

    public RecordingExecutionContext(String functionName) {
        this.functionName = functionName;
        logger.setUseParentHandlers(false);
        logger.setLevel(Level.ALL);
        logger.addHandler(new Handler() {
            @Override
            public void publish(LogRecord record) {
                records.add(record);
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        });
    }

    /** What reached the host, in order. */
    public List<LogRecord> records() {
        return List.copyOf(records);
    }

    /** The text of each record, as the worker sends it ({@link LogRecord#getMessage()}, unformatted). */
    public List<String> messages() {
        return records.stream().map(LogRecord::getMessage).toList();
    }

    @Override
    public Logger getLogger() {
        return logger;
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
