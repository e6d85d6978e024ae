package dev.flights.platform.messaging;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How long a topic-triggered function waits before it handles a message again after a transient failure (app
 * settings {@code MESSAGE_RETRY_FIRST_DELAY}, doubling per attempt up to {@code MESSAGE_RETRY_MAX_DELAY}). The
 * longest delay stays under the topic's 10-minute duplicate detection window, so a redelivered attempt cannot send
 * its copy twice.
 */
@ConfigurationProperties("message.retry")
public record MessageRetrySettings(@DefaultValue("5s") Duration firstDelay, @DefaultValue("5m") Duration maxDelay) {

    public MessageRetrySettings {
        if (firstDelay.isNegative() || firstDelay.isZero() || maxDelay.compareTo(firstDelay) < 0
                || maxDelay.compareTo(Duration.ofMinutes(10)) >= 0) {
            throw new IllegalArgumentException("need 0 < MESSAGE_RETRY_FIRST_DELAY (" + firstDelay
                    + ") <= MESSAGE_RETRY_MAX_DELAY (" + maxDelay + ") < 10 minutes");
        }
    }

    public static MessageRetrySettings defaults() {
        return new MessageRetrySettings(Duration.ofSeconds(5), Duration.ofMinutes(5));
    }
}
