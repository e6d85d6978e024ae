package dev.flights.platform.outbox;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code outbox.*}, app settings {@code OUTBOX_*}.
 *
 * @param ttl {@code OUTBOX_TTL} (for example {@code 7d}): how long a relayed outbox document is kept before Cosmos DB
 *         deletes it. A week by default: far beyond the topic's duplicate-detection window and any retry, long enough
 *         for an operator to look back at what was sent.
 * @param directPublish {@code OUTBOX_DIRECT_PUBLISH}: true (the default) publishes a batch's outbox documents right
 *         after the batch commits (see {@link OutboxWriter}); false leaves every one to the change-feed relay, as
 *         before, one feed poll per hop (for a baseline measurement).
 * @param relayGrace {@code OUTBOX_RELAY_GRACE}: how long the relay leaves a directly published document to the
 *         writer that committed it before it sends it itself.
 */
@ConfigurationProperties("outbox")
public record OutboxSettings(@DefaultValue("7d") Duration ttl, @DefaultValue("true") boolean directPublish,
        @DefaultValue("5s") Duration relayGrace) {

    public OutboxSettings {
        if (relayGrace.isNegative() || relayGrace.compareTo(Duration.ofMinutes(1)) > 0) {
            throw new IllegalArgumentException("outbox.relay-grace is from 0 to 1m (well inside the topic's"
                    + " duplicate-detection window), not " + relayGrace);
        }
    }

    public static OutboxSettings defaults() {
        return new OutboxSettings(Duration.ofDays(7), true, Duration.ofSeconds(5));
    }
}
