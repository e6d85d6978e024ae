package dev.flights.platform.logging;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.classic.spi.ThrowableProxy;
import ch.qos.logback.core.UnsynchronizedAppenderBase;
import com.microsoft.azure.functions.ExecutionContext;
import dev.flights.platform.correlation.Correlation;
import java.util.logging.LogRecord;

/**
 * Hands each line logged during an invocation to that invocation's {@link ExecutionContext#getLogger()}, the one
 * path by which the Java worker sends a line to the Functions host tied to the invocation (and so to Application
 * Insights). The worker sends {@link LogRecord#getMessage()} as it is, unformatted, so the record carries the final
 * text: {@code [correlationId] Logger: message}, and the exception as its thrown. Outside an invocation this
 * appender does nothing: the console has the line.
 */
public final class InvocationLogAppender extends UnsynchronizedAppenderBase<ILoggingEvent> {

    public static final String NAME = "FUNCTIONS_INVOCATION";

    // a host whose invocation logger leads back into SLF4J (a JUL bridge) must not loop
    private static final ThreadLocal<Boolean> FORWARDING = ThreadLocal.withInitial(() -> false);

    public InvocationLogAppender() {
        setName(NAME);
    }

    @Override
    protected void append(ILoggingEvent event) {
        ExecutionContext invocation = CurrentInvocation.get().orElse(null);
        if (invocation == null || FORWARDING.get()) {
            return;
        }
        FORWARDING.set(true);
        try {
            invocation.getLogger().log(record(event));
        } finally {
            FORWARDING.set(false);
        }
    }

    static LogRecord record(ILoggingEvent event) {
        LogRecord record = new LogRecord(level(event.getLevel()), text(event));
        record.setLoggerName(event.getLoggerName());
        record.setSourceClassName(event.getLoggerName());
        record.setSourceMethodName("");
        record.setInstant(event.getInstant());
        record.setThrown(thrown(event.getThrowableProxy()));
        return record;
    }

    static String text(ILoggingEvent event) {
        String correlationId = event.getMDCPropertyMap().get(Correlation.MDC_KEY);
        String logger = event.getLoggerName();
        return "[" + (correlationId == null ? "-" : correlationId) + "] "
                + logger.substring(logger.lastIndexOf('.') + 1) + ": " + event.getFormattedMessage();
    }

    static java.util.logging.Level level(Level level) {
        return switch (level.toInt()) {
            case Level.ERROR_INT -> java.util.logging.Level.SEVERE;
            case Level.WARN_INT -> java.util.logging.Level.WARNING;
            case Level.INFO_INT -> java.util.logging.Level.INFO;
            case Level.DEBUG_INT -> java.util.logging.Level.FINE;
            default -> java.util.logging.Level.FINER;
        };
    }

    private static Throwable thrown(IThrowableProxy proxy) {
        return proxy instanceof ThrowableProxy throwable ? throwable.getThrowable() : null;
    }
}
