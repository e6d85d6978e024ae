package dev.flights.pay.application;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * N3: how pay defers payments while its store fails. Settings (environment names by relaxed binding):
 * {@code PAYMENT_RETRY_DELAY} the first retry delay, doubling per attempt up to 16 times;
 * {@code PAYMENT_CIRCUIT_OPEN_DURATION} how long the breaker stays open before it lets a trial call through;
 * {@code PAYMENT_CIRCUIT_FAILURE_RATE_THRESHOLD} the percentage of failed calls that opens it, counted over the
 * last {@code PAYMENT_CIRCUIT_WINDOW_SIZE} calls once at least {@code PAYMENT_CIRCUIT_MINIMUM_CALLS} were made;
 * {@code PAYMENT_CIRCUIT_HALF_OPEN_CALLS} the trial calls that decide whether it closes again.
 */
@ConfigurationProperties("payment")
public record PaymentSettings(@DefaultValue Retry retry, @DefaultValue Circuit circuit) {

    public record Retry(@DefaultValue("30s") Duration delay) {

        public Retry {
            if (delay.isNegative() || delay.isZero()) {
                throw new IllegalArgumentException("PAYMENT_RETRY_DELAY must be positive, was " + delay);
            }
        }
    }

    public record Circuit(@DefaultValue("30s") Duration openDuration, @DefaultValue("50") int failureRateThreshold,
            @DefaultValue("3") int minimumCalls, @DefaultValue("10") int windowSize,
            @DefaultValue("1") int halfOpenCalls) {

        public Circuit {
            if (openDuration.isNegative() || openDuration.isZero()) {
                throw new IllegalArgumentException("PAYMENT_CIRCUIT_OPEN_DURATION must be positive, was "
                        + openDuration);
            }
            if (failureRateThreshold < 1 || failureRateThreshold > 100) {
                throw new IllegalArgumentException("PAYMENT_CIRCUIT_FAILURE_RATE_THRESHOLD must be 1 to 100, was "
                        + failureRateThreshold);
            }
            if (minimumCalls < 1 || windowSize < minimumCalls || halfOpenCalls < 1) {
                throw new IllegalArgumentException("the payment circuit needs 1 <= PAYMENT_CIRCUIT_MINIMUM_CALLS ("
                        + minimumCalls + ") <= PAYMENT_CIRCUIT_WINDOW_SIZE (" + windowSize
                        + ") and PAYMENT_CIRCUIT_HALF_OPEN_CALLS >= 1 (" + halfOpenCalls + ")");
            }
        }
    }

    /** The defaults, for code that runs without Spring binding (tests). */
    public static PaymentSettings defaults() {
        return new PaymentSettings(new Retry(Duration.ofSeconds(30)), new Circuit(Duration.ofSeconds(30), 50, 3, 10, 1));
    }
}
