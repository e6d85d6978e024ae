package dev.flights.platform.logging;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.core.ConsoleAppender;
import dev.flights.platform.testing.RecordingExecutionContext;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class OutsideInvocationFilterTest {

    @Test
    void underTheWorkerTheConsoleKeepsOnlyLinesLoggedOutsideAnInvocation() {
        LoggerContext context = new LoggerContext();
        context.setMDCAdapter(org.slf4j.MDC.getMDCAdapter());
        context.start();
        ConsoleAppender<ch.qos.logback.classic.spi.ILoggingEvent> console = new ConsoleAppender<>();
        console.setContext(context);
        console.setTarget("System.out");
        PatternLayoutEncoder encoder = new PatternLayoutEncoder();
        encoder.setContext(context);
        encoder.setPattern("%msg%n");
        encoder.start();
        console.setEncoder(encoder);
        console.start();
        ByteArrayOutputStream stdout = new ByteArrayOutputStream();
        console.setOutputStream(stdout);
        Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
        root.setLevel(Level.INFO);
        root.addAppender(console);
        FunctionsLogging.install(context, true);
        RecordingExecutionContext invocation = new RecordingExecutionContext("reserve");

        root.info("starting");
        CurrentInvocation.bind(invocation);
        try {
            root.info("during the invocation");
        } finally {
            CurrentInvocation.clear();
        }

        assertThat(stdout.toString(StandardCharsets.UTF_8)).contains("starting").doesNotContain("during the invocation");
        assertThat(invocation.messages()).containsExactly("[-] ROOT: during the invocation");
    }
}
