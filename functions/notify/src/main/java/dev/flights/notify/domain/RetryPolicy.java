package dev.flights.notify.domain;

import java.time.Duration;

/**
 * How often and how late a failed webhook send is tried again: the first retry {@code firstDelay} after the first
 * failure, each later one twice as late up to {@code maxDelay}, and no attempt beyond {@code maxAttempts}.
 */
public record RetryPolicy(Duration firstDelay, Duration maxDelay, int maxAttempts) {

    private static final int MAX_DOUBLINGS = 30;

    public RetryPolicy {
        if (firstDelay.isNegative() || firstDelay.isZero() || maxDelay.compareTo(firstDelay) < 0) {
            throw new IllegalArgumentException("the webhook retry needs 0 < delay (" + firstDelay
                    + ") <= max delay (" + maxDelay + ")");
        }
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("the webhook needs at least 1 attempt, was " + maxAttempts);
        }
    }

    /** The wait after failed attempt {@code attempt} (1 for the first send) before the next one. */
    public Duration delayAfter(int attempt) {
        Duration doubled = firstDelay.multipliedBy(1L << Math.min(Math.max(attempt - 1, 0), MAX_DOUBLINGS));
        return doubled.compareTo(maxDelay) > 0 ? maxDelay : doubled;
    }

    public boolean allowsAnotherAfter(int attempt) {
        return attempt < maxAttempts;
    }
}
