package dev.flights.platform.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.Appender;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.support.descriptor.MethodSource;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Event;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

class LogOnFailureExtensionTest {

    static {
        // the platform's tests log warnings and up; these cases log at INFO like the apps
        ((LoggerContext) LoggerFactory.getILoggerFactory()).getLogger("saga").setLevel(Level.INFO);
    }

    private final List<Appender<ILoggingEvent>> appendersBefore = rootAppenders();

    private final Map<String, TestExecutionResult> results = EngineTestKit.engine("junit-jupiter")
            .selectors(selectClass(Cases.class)).execute()
            .testEvents().finished().stream()
            .collect(Collectors.toMap(LogOnFailureExtensionTest::methodName,
                    event -> event.getRequiredPayload(TestExecutionResult.class)));

    private final List<Appender<ILoggingEvent>> appendersAfter = rootAppenders();

    @Test
    void aFailingTestCarriesTheLinesItLoggedOnItsFailure() {
        assertThat(logLinesOf("logsThenFails"))
                .contains("the log lines of this test:")
                .containsPattern("INFO  \\[[^]]+] saga \\[corr-7] reserving seat 12A")
                .contains("WARN", "payment deferred");
    }

    @Test
    void aFailingTestCarriesOnlyItsOwnLinesNotThoseOfTheTestBefore() {
        assertThat(logLinesOf("logsThenFails")).doesNotContain("a passing test's line");
    }

    @Test
    void aPassingTestShowsNothingAndLeavesNoAppenderBehind() {
        assertThat(results.get("logsThenPasses").getStatus()).isEqualTo(TestExecutionResult.Status.SUCCESSFUL);
        assertThat(appendersAfter).containsExactlyElementsOf(appendersBefore);
    }

    @Test
    void aLongFailingTestCarriesItsLastLinesAndSaysHowManyCameBefore() {
        String lines = logLinesOf("logsManyThenFails");
        assertThat(lines).contains("the last " + LogOnFailureExtension.MAX_LINES + " log lines of this test (50 before")
                .contains("step 249").doesNotContain("step 49 ");
    }

    @Test
    void aTestThatFailsWithoutLoggingCarriesNothing() {
        Throwable failure = results.get("failsSilently").getThrowable().orElseThrow();
        assertThat(failure.getSuppressed()).isEmpty();
    }

    private String logLinesOf(String method) {
        Throwable failure = results.get(method).getThrowable().orElseThrow();
        assertThat(failure).isInstanceOf(AssertionError.class);
        return Arrays.stream(failure.getSuppressed()).filter(TestLogLines.class::isInstance)
                .map(Throwable::getMessage).findFirst().orElseThrow();
    }

    private static List<Appender<ILoggingEvent>> rootAppenders() {
        List<Appender<ILoggingEvent>> appenders = new ArrayList<>();
        ((LoggerContext) LoggerFactory.getILoggerFactory()).getLogger(Logger.ROOT_LOGGER_NAME).iteratorForAppenders()
                .forEachRemaining(appenders::add);
        return appenders;
    }

    private static String methodName(Event event) {
        return ((MethodSource) event.getTestDescriptor().getSource().orElseThrow()).getMethodName();
    }

    /** Run by the test kit above, not by the build (nested classes are not picked up on their own). */
    @ExtendWith(LogOnFailureExtension.class)
    @TestMethodOrder(MethodOrderer.OrderAnnotation.class)
    static class Cases {

        private static final Logger log = LoggerFactory.getLogger("saga");

        @Test
        @Order(1)
        void logsThenPasses() {
            log.info("a passing test's line");
        }

        @Test
        @Order(2)
        void logsThenFails() {
            org.slf4j.MDC.put("correlationId", "corr-7");
            try {
                log.info("reserving seat 12A");
            } finally {
                org.slf4j.MDC.remove("correlationId");
            }
            log.warn("payment deferred");
            assertThat(1).as("the seat").isEqualTo(2);
        }

        @Test
        @Order(3)
        void logsManyThenFails() {
            for (int step = 0; step < LogOnFailureExtension.MAX_LINES + 50; step++) {
                log.info("step {} ", step);
            }
            assertThat(true).as("the last step").isFalse();
        }

        @Test
        @Order(4)
        void failsSilently() {
            assertThat("quiet").isEmpty();
        }
    }
}
