package dev.flights.localhost.triggers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class RetryPolicyTest {

    private final FeedFunctions functions = new FeedFunctions();

    private RetryPolicy policyOf(String function) {
        return RetryPolicy.of(functions.definition(function).method());
    }

    @Test
    void aFunctionWithoutARetryAnnotationIsNeverRetried() {
        assertThat(policyOf("noRetries").allowsRetry(0)).isFalse();
    }

    @Test
    void aFixedDelayPolicyAllowsItsCountOfRetriesAtItsInterval() {
        RetryPolicy fixed = policyOf("twoFixedRetries");

        assertThat(fixed.allowsRetry(0)).isTrue();
        assertThat(fixed.allowsRetry(1)).isTrue();
        assertThat(fixed.allowsRetry(2)).isFalse();
        assertThat(fixed.intervalBefore(1)).isEqualTo(Duration.ofMillis(100));
        assertThat(fixed.intervalBefore(2)).isEqualTo(Duration.ofMillis(100));
    }

    @Test
    void anExponentialPolicyOfMinusOneRetriesForEverDoublingFromTheMinimumUpToTheMaximum() {
        RetryPolicy forever = policyOf("retriesForever");

        assertThat(forever.allowsRetry(1_000_000)).isTrue();
        assertThat(forever.intervalBefore(1)).isEqualTo(Duration.ofMillis(50));
        assertThat(forever.intervalBefore(2)).isEqualTo(Duration.ofMillis(100));
        assertThat(forever.intervalBefore(3)).isEqualTo(Duration.ofMillis(200));
        assertThat(forever.intervalBefore(40)).isEqualTo(Duration.ofMillis(200));
    }

    @Test
    void timeSpansAreReadAsTheAnnotationsSpellThem() {
        assertThat(RetryPolicy.timeSpan("00:00:15")).isEqualTo(Duration.ofSeconds(15));
        assertThat(RetryPolicy.timeSpan("01:02:03.5")).isEqualTo(Duration.ofSeconds(3723).plusMillis(500));
        assertThat(RetryPolicy.timeSpan("1.00:00:00")).isEqualTo(Duration.ofDays(1));
        assertThatThrownBy(() -> RetryPolicy.timeSpan("15s")).isInstanceOf(IllegalArgumentException.class);
    }
}
