package dev.flights.platform.outbox;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code outbox.ttl} (app setting {@code OUTBOX_TTL}, for example {@code 7d}): how long a relayed outbox document is
 * kept before Cosmos DB deletes it. A week by default: far beyond the topic's duplicate-detection window and any
 * retry, long enough for an operator to look back at what was sent.
 */
@ConfigurationProperties("outbox")
public record OutboxSettings(@DefaultValue("7d") Duration ttl) {
}
