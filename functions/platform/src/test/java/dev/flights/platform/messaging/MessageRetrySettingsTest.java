package dev.flights.platform.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.core.env.MutablePropertySources;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;

class MessageRetrySettingsTest {

    private static MessageRetrySettings bindFromEnvironment(Map<String, Object> variables) {
        MutablePropertySources sources = new MutablePropertySources();
        sources.addFirst(new SystemEnvironmentPropertySource(
                StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, variables));
        return new Binder(ConfigurationPropertySources.from(sources))
                .bindOrCreate("message.retry", MessageRetrySettings.class);
    }

    @Test
    void defaultsToFiveSecondsDoublingToFiveMinutes() {
        MessageRetrySettings settings = bindFromEnvironment(Map.of());

        assertThat(settings).isEqualTo(MessageRetrySettings.defaults());
        assertThat(settings.firstDelay()).isEqualTo(Duration.ofSeconds(5));
        assertThat(settings.maxDelay()).isEqualTo(Duration.ofMinutes(5));
    }

    @Test
    void readsTheAppSettingsByTheirEnvironmentNames() {
        MessageRetrySettings settings = bindFromEnvironment(Map.of(
                "MESSAGE_RETRY_FIRST_DELAY", "2s",
                "MESSAGE_RETRY_MAX_DELAY", "1m"));

        assertThat(settings).isEqualTo(new MessageRetrySettings(Duration.ofSeconds(2), Duration.ofMinutes(1)));
    }

    @Test
    void refusesALongestDelayThatDuplicateDetectionWouldOutlive() {
        assertThatThrownBy(() -> bindFromEnvironment(Map.of("MESSAGE_RETRY_MAX_DELAY", "10m")))
                .isInstanceOf(BindException.class).hasStackTraceContaining("MESSAGE_RETRY_MAX_DELAY");
        assertThatThrownBy(() -> bindFromEnvironment(Map.of("MESSAGE_RETRY_FIRST_DELAY", "0s")))
                .isInstanceOf(BindException.class).hasStackTraceContaining("MESSAGE_RETRY_FIRST_DELAY");
    }
}
