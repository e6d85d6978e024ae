package dev.flights.localhost;

import dev.flights.platform.inprocess.TopicSettings;
import dev.flights.platform.store.DocumentStore;
import java.util.Map;

/**
 * How to start the local host: the port (0 picks a free one), settings handed to every app's Spring context
 * (for example {@code payment.retry.delay}), the change feeds' delay cap, the topic's behaviour, and the document
 * store the apps share (null: the in-process one; a Cosmos DB store runs the saga on the real adapter).
 *
 * <p>{@code changeFeedPollMillis} is {@link #AZURE_FEED_DELAYS} by default: every Cosmos DB trigger waits what its
 * annotation says, as on Azure ({@code feedPollDelay} after a drained poll, its retry policy's intervals). A value
 * above 0 caps every one of those waits, for quick demos and tests; it never lengthens one.
 */
public record LocalHostOptions(int port, Map<String, String> appProperties, long changeFeedPollMillis,
        TopicSettings topicSettings, DocumentStore store) {

    public LocalHostOptions(int port, Map<String, String> appProperties, long changeFeedPollMillis,
            TopicSettings topicSettings) {
        this(port, appProperties, changeFeedPollMillis, topicSettings, null);
    }

    public static final int DEFAULT_PORT = 7071;
    public static final long AZURE_FEED_DELAYS = 0;

    /** The topic behaves as host.json tells the Service Bus extension (see {@link HostJson}). */
    public static LocalHostOptions defaults() {
        return new LocalHostOptions(DEFAULT_PORT, Map.of(), AZURE_FEED_DELAYS, HostJson.topicSettings());
    }

    public LocalHostOptions withChangeFeedDelayCap(long millis) {
        if (millis < 0) {
            throw new IllegalArgumentException("the change feed delay cap is 0 (Azure's delays) or more, not " + millis);
        }
        return new LocalHostOptions(port, appProperties, millis, topicSettings, store);
    }

    public LocalHostOptions withPort(int newPort) {
        return new LocalHostOptions(newPort, appProperties, changeFeedPollMillis, topicSettings, store);
    }

    public LocalHostOptions withAppProperties(Map<String, String> properties) {
        return new LocalHostOptions(port, Map.copyOf(properties), changeFeedPollMillis, topicSettings, store);
    }
}
