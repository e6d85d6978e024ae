package dev.flights.notify.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class WebhookDeliveryTest {

    private final RetryPolicy policy = new RetryPolicy(Duration.ofSeconds(10), Duration.ofMinutes(1), 4);

    @Test
    void waitsTwiceAsLongAfterEachFailedAttemptUpToTheCap() {
        assertThat(policy.delayAfter(1)).isEqualTo(Duration.ofSeconds(10));
        assertThat(policy.delayAfter(2)).isEqualTo(Duration.ofSeconds(20));
        assertThat(policy.delayAfter(3)).isEqualTo(Duration.ofSeconds(40));
        assertThat(policy.delayAfter(4)).isEqualTo(Duration.ofMinutes(1));
        assertThat(policy.delayAfter(1000)).isEqualTo(Duration.ofMinutes(1));
    }

    @Test
    void staysPendingAfterAFailedAttemptUntilTheLastOneFails() {
        WebhookDelivery delivery = WebhookDelivery.pending();

        delivery = delivery.failed(delivery.nextAttempt(), policy);
        assertThat(delivery).isEqualTo(new WebhookDelivery(DeliveryStatus.PENDING, 1));
        delivery = delivery.failed(2, policy).failed(3, policy).failed(4, policy);

        assertThat(delivery).isEqualTo(new WebhookDelivery(DeliveryStatus.FAILED, 4));
    }

    @Test
    void awaitsTheNextAttemptOrOneAheadOfTheRecordedAndNothingOnceSentOrFailed() {
        WebhookDelivery afterOneFailure = WebhookDelivery.pending().failed(1, policy);

        assertThat(afterOneFailure.awaits(2)).isTrue();
        assertThat(afterOneFailure.awaits(1)).as("made already").isFalse();
        assertThat(afterOneFailure.awaits(3)).as("ahead: its failure was not recorded").isTrue();
        assertThat(afterOneFailure.sent(2).awaits(3)).isFalse();
        assertThat(new WebhookDelivery(DeliveryStatus.FAILED, 4).awaits(5)).isFalse();
        assertThat(WebhookDelivery.OFF.awaits(1)).isFalse();
    }

    @Test
    void refusesAPolicyWithoutAPositiveDelayOrAnyAttempt() {
        assertThatThrownBy(() -> new RetryPolicy(Duration.ZERO, Duration.ofMinutes(1), 3))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new RetryPolicy(Duration.ofSeconds(10), Duration.ofSeconds(5), 3))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new RetryPolicy(Duration.ofSeconds(10), Duration.ofMinutes(1), 0))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
