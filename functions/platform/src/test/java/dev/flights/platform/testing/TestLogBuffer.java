package dev.flights.platform.testing;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.PatternLayout;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.AppenderBase;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;

/** The last log lines of one test, formatted as the log files have them, from every thread. */
final class TestLogBuffer extends AppenderBase<ILoggingEvent> {

    private final LoggerContext loggerContext;
    private final int maxLines;
    private final PatternLayout layout = new PatternLayout();
    private final Deque<String> lines = new ArrayDeque<>();
    private long dropped;

    TestLogBuffer(LoggerContext loggerContext, int maxLines) {
        this.loggerContext = loggerContext;
        this.maxLines = maxLines;
        setContext(loggerContext);
        setName("log-on-failure");
        layout.setContext(loggerContext);
        layout.setPattern("%d{HH:mm:ss.SSS} %-5level [%thread] %logger{0} %replace([%X{correlationId}] ){'^\\[\\] $', ''}%msg%n");
    }

    @Override
    public void start() {
        layout.start();
        super.start();
    }

    @Override
    protected void append(ILoggingEvent event) {
        String line = layout.doLayout(event).stripTrailing();
        synchronized (lines) {
            lines.addLast(line);
            if (lines.size() > maxLines) {
                lines.removeFirst();
                dropped++;
            }
        }
    }

    LoggerContext loggerContext() {
        return loggerContext;
    }

    List<String> lines() {
        synchronized (lines) {
            return List.copyOf(lines);
        }
    }

    long droppedLines() {
        synchronized (lines) {
            return dropped;
        }
    }
}
