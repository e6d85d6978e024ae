package dev.flights.pay.application;

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

class PaymentSettingsTest {

    private static PaymentSettings bindFromEnvironment(Map<String, Object> variables) {
        MutablePropertySources sources = new MutablePropertySources();
        sources.addFirst(new SystemEnvironmentPropertySource(
                StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, variables));
        return new Binder(ConfigurationPropertySources.from(sources))
                .bindOrCreate("payment", PaymentSettings.class);
    }

    @Test
    void defaultsToAThirtySecondRetryAndAThirtySecondOpenCircuit() {
        PaymentSettings settings = bindFromEnvironment(Map.of());

        assertThat(settings).isEqualTo(PaymentSettings.defaults());
        assertThat(settings.retry().delay()).isEqualTo(Duration.ofSeconds(30));
        assertThat(settings.circuit().openDuration()).isEqualTo(Duration.ofSeconds(30));
    }

    @Test
    void readsTheAppSettingsByTheirEnvironmentNames() {
        PaymentSettings settings = bindFromEnvironment(Map.of(
                "PAYMENT_RETRY_DELAY", "5s",
                "PAYMENT_CIRCUIT_OPEN_DURATION", "200ms",
                "PAYMENT_CIRCUIT_FAILURE_RATE_THRESHOLD", "75",
                "PAYMENT_CIRCUIT_MINIMUM_CALLS", "4",
                "PAYMENT_CIRCUIT_WINDOW_SIZE", "8",
                "PAYMENT_CIRCUIT_HALF_OPEN_CALLS", "2"));

        assertThat(settings.retry().delay()).isEqualTo(Duration.ofSeconds(5));
        assertThat(settings.circuit()).isEqualTo(new PaymentSettings.Circuit(Duration.ofMillis(200), 75, 4, 8, 2));
    }

    @Test
    void refusesARetryDelayThatIsNotPositive() {
        assertThatThrownBy(() -> bindFromEnvironment(Map.of("PAYMENT_RETRY_DELAY", "0s")))
                .isInstanceOf(BindException.class)
                .rootCause().hasMessageContaining("PAYMENT_RETRY_DELAY");
    }
}
