package dev.flights.platform.logging;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flights.platform.testing.RecordingExecutionContext;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Configuration;

class FunctionsLoggingTest {

    private static final Logger log = LoggerFactory.getLogger(FunctionsLoggingTest.class);

    @Test
    void theInvocationAppenderSurvivesSpringBootReconfiguringLogbackForEachAppStartedInTheJvm() {
        for (int app = 1; app <= 3; app++) {
            try (ConfigurableApplicationContext ignored = new SpringApplicationBuilder(NoBeans.class)
                    .web(WebApplicationType.NONE).run()) {
                RecordingExecutionContext invocation = new RecordingExecutionContext("f");
                CurrentInvocation.bind(invocation);
                try {
                    // this module's tests log errors only
                    log.error("app {} started", app);
                } finally {
                    CurrentInvocation.clear();
                }

                assertThat(invocation.messages()).containsExactly("[-] FunctionsLoggingTest: app " + app + " started");
            }
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class NoBeans {
    }
}
