package dev.flights.platform.inprocess;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class TopicSettingsTest {

    private final TopicSettings settings = new TopicSettings(4, Duration.ofMinutes(10), Duration.ofMillis(10),
            Duration.ofMillis(50));

    @Test
    void theBackoffDoublesFromTheFirstRetry() {
        assertThat(settings.backoffAfter(1)).isEqualTo(Duration.ofMillis(10));
        assertThat(settings.backoffAfter(2)).isEqualTo(Duration.ofMillis(20));
        assertThat(settings.backoffAfter(3)).isEqualTo(Duration.ofMillis(40));
    }

    @Test
    void theBackoffStopsGrowingAtItsMaximum() {
        assertThat(settings.backoffAfter(4)).isEqualTo(Duration.ofMillis(50));
        assertThat(settings.backoffAfter(1000)).isEqualTo(Duration.ofMillis(50));
    }

    @Test
    void theDefaultsDeliverOnEightThreadsAndDetectDuplicatesForTenMinutes() {
        TopicSettings defaults = TopicSettings.defaults();

        assertThat(defaults.deliveryThreads()).isEqualTo(8);
        assertThat(defaults.duplicateDetectionWindow()).isEqualTo(Duration.ofMinutes(10));
        assertThat(defaults.backoffAfter(100)).isEqualTo(defaults.maxRetryBackoff());
    }
}
