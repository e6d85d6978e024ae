package dev.flights.platform.logging;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import dev.flights.platform.correlation.Correlation;
import dev.flights.platform.testing.RecordingExecutionContext;
import java.util.logging.LogRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

class InvocationLogAppenderTest {

    private static final Logger log = LoggerFactory.getLogger("dev.flights.test.ReserveSeat");

    @BeforeAll
    static void installTheAppenderAsBootWould() {
        LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
        context.getLogger("dev.flights.test").setLevel(Level.TRACE);
        FunctionsLogging.install(context, false);
    }

    @AfterEach
    void endTheInvocation() {
        CurrentInvocation.clear();
        Correlation.clear();
    }

    @Test
    void aLineLoggedDuringAnInvocationReachesItsLoggerWithTheCorrelationIdInTheText() {
        RecordingExecutionContext invocation = new RecordingExecutionContext("reserve");
        CurrentInvocation.bind(invocation);
        Correlation.set("corr-42");

        log.info("reservation {} requested by {}", "r-1", "ew");

        assertThat(invocation.records()).singleElement().satisfies(record -> {
            assertThat(record.getMessage()).isEqualTo("[corr-42] ReserveSeat: reservation r-1 requested by ew");
            assertThat(record.getLevel()).isEqualTo(java.util.logging.Level.INFO);
            assertThat(record.getLoggerName()).isEqualTo("dev.flights.test.ReserveSeat");
            assertThat(record.getParameters()).isNull();
        });
    }

    @Test
    void levelsMapOntoJavaUtilLoggingAndTheExceptionTravelsOnTheRecord() {
        RecordingExecutionContext invocation = new RecordingExecutionContext("pay");
        CurrentInvocation.bind(invocation);
        IllegalStateException failure = new IllegalStateException("store down");

        log.error("gave up", failure);
        log.warn("deferred");
        log.debug("detail");
        log.trace("more detail");

        assertThat(invocation.records()).extracting(LogRecord::getLevel).containsExactly(
                java.util.logging.Level.SEVERE, java.util.logging.Level.WARNING, java.util.logging.Level.FINE,
                java.util.logging.Level.FINER);
        assertThat(invocation.records().get(0).getThrown()).isSameAs(failure);
        assertThat(invocation.messages().get(1)).isEqualTo("[-] ReserveSeat: deferred");
    }

    @Test
    void nothingIsForwardedOutsideAnInvocation() {
        RecordingExecutionContext ended = new RecordingExecutionContext("reserve");
        CurrentInvocation.bind(ended);
        CurrentInvocation.clear();

        log.info("start-up line");

        assertThat(ended.records()).isEmpty();
    }

    @Test
    void aHostWhoseInvocationLoggerLeadsBackIntoSlf4jGetsEachLineOnce() {
        RecordingExecutionContext invocation = new RecordingExecutionContext("notify");
        invocation.getLogger().addHandler(new java.util.logging.Handler() {
            @Override
            public void publish(LogRecord record) {
                log.info("bridged: {}", record.getMessage());
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        });
        CurrentInvocation.bind(invocation);

        log.info("once");

        assertThat(invocation.messages()).containsExactly("[-] ReserveSeat: once");
    }

    @Test
    void installingTwiceAddsOneAppender() {
        LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
        FunctionsLogging.install(context, false);
        RecordingExecutionContext invocation = new RecordingExecutionContext("reserve");
        CurrentInvocation.bind(invocation);

        log.info("one line");

        assertThat(invocation.records()).hasSize(1);
    }
}
