package dev.flights.platform.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class RetryAttemptTest {

    private static final String EVENT_ID = "0b6a3c58-43f2-4c7e-9a51-0d1c3a0c2f11";

    @Test
    void anOriginalMessageIsAttemptZeroAndItsCopiesCountUpUnderIdsThatNameTheSubscription() {
        RetryAttempt original = RetryAttempt.of(EVENT_ID, "issue-ticket");
        RetryAttempt first = original.next();
        RetryAttempt second = RetryAttempt.of(first.messageId(), "issue-ticket").next();

        assertThat(original.attempt()).isZero();
        assertThat(first.messageId()).isEqualTo(EVENT_ID + ":issue-ticket:retry-1");
        assertThat(second.messageId()).isEqualTo(EVENT_ID + ":issue-ticket:retry-2");
        assertThat(RetryAttempt.of(second.messageId(), "issue-ticket"))
                .isEqualTo(new RetryAttempt(EVENT_ID, "issue-ticket", 2));
    }

    @Test
    void twoSubscriptionsDeferringOneEventSendCopiesWithDifferentIds() {
        assertThat(RetryAttempt.of(EVENT_ID, "reserve").next().messageId())
                .isNotEqualTo(RetryAttempt.of(EVENT_ID, "notify").next().messageId());
    }

    @Test
    void aCopyForAnotherSubscriptionIsAnOriginalHere() {
        assertThat(RetryAttempt.of(EVENT_ID + ":notify:retry-3", "reserve").attempt()).isZero();
    }

    @Test
    void anIdThatWouldGrowPastServiceBussLimitIsShortenedTheSameWayEveryTime() {
        String longId = "x".repeat(120);

        String copy = RetryAttempt.of(longId, "notify").next().messageId();

        assertThat(copy).hasSizeLessThanOrEqualTo(128).endsWith(":notify:retry-1")
                .isEqualTo(RetryAttempt.of(longId, "notify").next().messageId());
        assertThat(RetryAttempt.of(RetryAttempt.of(copy, "notify").next().messageId(), "notify").attempt()).isEqualTo(2);
    }

    @Test
    void theDelayDoublesFromTheFirstDelayUpToTheMaximum() {
        Duration first = Duration.ofSeconds(5);
        Duration max = Duration.ofMinutes(5);

        assertThat(new RetryAttempt(EVENT_ID, "pay", 1).delay(first, max)).isEqualTo(Duration.ofSeconds(5));
        assertThat(new RetryAttempt(EVENT_ID, "pay", 2).delay(first, max)).isEqualTo(Duration.ofSeconds(10));
        assertThat(new RetryAttempt(EVENT_ID, "pay", 6).delay(first, max)).isEqualTo(Duration.ofSeconds(160));
        assertThat(new RetryAttempt(EVENT_ID, "pay", 7).delay(first, max)).isEqualTo(max);
        assertThat(new RetryAttempt(EVENT_ID, "pay", 500).delay(first, max)).isEqualTo(max);
    }
}
