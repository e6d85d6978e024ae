package dev.flights.platform.inprocess;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class TopicSettingsTest {

    @Test
    void readsTheSessionSettingsOfTheServiceBusExtensionFromHostJson() {
        TopicSettings settings = TopicSettings.fromHostJson("""
                {"version": "2.0", "extensions": {"serviceBus": {
                    "autoCompleteMessages": true, "maxConcurrentSessions": 64, "sessionIdleTimeout": "00:00:02"}}}
                """);

        assertThat(settings.maxConcurrentSessions()).isEqualTo(64);
        assertThat(settings.sessionIdleTimeout()).isEqualTo(Duration.ofSeconds(2));
        assertThat(settings.duplicateDetectionWindow()).isEqualTo(Duration.ofMinutes(10));
    }

    @Test
    void whatHostJsonLeavesOutKeepsTheExtensionsDefaultsEightSessionsAndTheSixtySecondTryTimeout() {
        TopicSettings settings = TopicSettings.fromHostJson("{\"version\": \"2.0\"}");

        assertThat(settings.maxConcurrentSessions()).isEqualTo(8);
        assertThat(settings.sessionIdleTimeout()).isEqualTo(Duration.ofSeconds(60));
        assertThat(TopicSettings.defaults()).isEqualTo(settings);
    }

    @Test
    void readsTimeSpansWithDaysAndFractions() {
        assertThat(TopicSettings.timeSpan("00:00:30")).isEqualTo(Duration.ofSeconds(30));
        assertThat(TopicSettings.timeSpan("01:02:03")).isEqualTo(Duration.ofSeconds(3723));
        assertThat(TopicSettings.timeSpan("00:00:00.5")).isEqualTo(Duration.ofMillis(500));
        assertThat(TopicSettings.timeSpan("00:00:01.250")).isEqualTo(Duration.ofMillis(1250));
        assertThat(TopicSettings.timeSpan("2.00:00:00")).isEqualTo(Duration.ofDays(2));
    }

    @Test
    void refusesWhatItCannotEmulate() {
        assertThatThrownBy(() -> TopicSettings.fromHostJson(
                "{\"extensions\": {\"serviceBus\": {\"autoCompleteMessages\": false}}}"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("autoCompleteMessages");
        assertThatThrownBy(() -> TopicSettings.fromHostJson(
                "{\"extensions\": {\"serviceBus\": {\"sessionIdleTimeout\": \"30s\"}}}"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("30s");
        assertThatThrownBy(() -> TopicSettings.fromHostJson(
                "{\"extensions\": {\"serviceBus\": {\"maxConcurrentSessions\": 0}}}"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("maxConcurrentSessions");
    }
}
