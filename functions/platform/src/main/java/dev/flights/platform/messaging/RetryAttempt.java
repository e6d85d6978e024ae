package dev.flights.platform.messaging;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Which delayed copy of a message a subscription is handling, read from its message id: the original (attempt 0)
 * has any id; the copy of attempt n is {@code <original id>:<subscription>:retry-<n>}. The id names the subscription
 * because duplicate detection is the topic's, and two subscriptions may defer the same event. The id is derived, not
 * random, so a redelivered attempt sends the same next copy and duplicate detection drops the second one.
 */
public record RetryAttempt(String originalId, String subscription, int attempt) {

    /** Service Bus's longest message id. */
    static final int MAX_MESSAGE_ID = 128;

    public static RetryAttempt of(String messageId, String subscription) {
        Matcher m = Pattern.compile("(.+):" + Pattern.quote(subscription) + ":retry-(\\d{1,9})").matcher(messageId);
        if (m.matches()) {
            return new RetryAttempt(m.group(1), subscription, Integer.parseInt(m.group(2)));
        }
        return new RetryAttempt(messageId, subscription, 0);
    }

    public RetryAttempt next() {
        return new RetryAttempt(originalId, subscription, attempt + 1);
    }

    public String messageId() {
        if (attempt == 0) {
            return originalId;
        }
        String suffix = ":" + subscription + ":retry-" + attempt;
        String root = originalId.length() + suffix.length() <= MAX_MESSAGE_ID ? originalId
                : UUID.nameUUIDFromBytes(originalId.getBytes(StandardCharsets.UTF_8)).toString();
        return root + suffix;
    }

    /** How long this attempt waits: {@code firstDelay} for the first, doubling per attempt up to {@code maxDelay}. */
    public Duration delay(Duration firstDelay, Duration maxDelay) {
        if (attempt < 1) {
            return Duration.ZERO;
        }
        long millis = firstDelay.toMillis() << Math.min(attempt - 1, 30);
        return millis <= 0 || millis > maxDelay.toMillis() ? maxDelay : Duration.ofMillis(millis);
    }
}
