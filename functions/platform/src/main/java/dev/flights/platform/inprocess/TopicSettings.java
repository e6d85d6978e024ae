package dev.flights.platform.inprocess;

import java.time.Duration;

/**
 * How the in-process topic behaves: delivery threads, the duplicate detection window, and the pause before a
 * failed message is delivered again (doubling from {@code retryBackoff} up to {@code maxRetryBackoff}).
 */
public record TopicSettings(int deliveryThreads, Duration duplicateDetectionWindow, Duration retryBackoff,
        Duration maxRetryBackoff) {

    public static TopicSettings defaults() {
        return new TopicSettings(8, Duration.ofMinutes(10), Duration.ofMillis(100), Duration.ofSeconds(2));
    }

    Duration backoffAfter(int deliveries) {
        long millis = retryBackoff.toMillis() << Math.min(deliveries - 1, 16);
        return Duration.ofMillis(Math.min(millis, maxRetryBackoff.toMillis()));
    }
}
