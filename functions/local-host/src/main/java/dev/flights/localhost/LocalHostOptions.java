package dev.flights.localhost;

import dev.flights.platform.inprocess.TopicSettings;
import dev.flights.platform.store.DocumentStore;
import java.util.Map;

/**
 * How to start the local host: the port (0 picks a free one), settings handed to every app's Spring context
 * (for example {@code payment.retry.delay}), how often change feeds are polled, the topic's behaviour, and the
 * document store the apps share (null: the in-process one; a Cosmos DB store runs the saga on the real adapter).
 */
public record LocalHostOptions(int port, Map<String, String> appProperties, long changeFeedPollMillis,
        TopicSettings topicSettings, DocumentStore store) {

    public LocalHostOptions(int port, Map<String, String> appProperties, long changeFeedPollMillis,
            TopicSettings topicSettings) {
        this(port, appProperties, changeFeedPollMillis, topicSettings, null);
    }

    public static final int DEFAULT_PORT = 7071;

    /** The topic behaves as host.json tells the Service Bus extension (see {@link HostJson}). */
    public static LocalHostOptions defaults() {
        return new LocalHostOptions(DEFAULT_PORT, Map.of(), 50, HostJson.topicSettings());
    }

    public LocalHostOptions withPort(int newPort) {
        return new LocalHostOptions(newPort, appProperties, changeFeedPollMillis, topicSettings, store);
    }

    public LocalHostOptions withAppProperties(Map<String, String> properties) {
        return new LocalHostOptions(port, Map.copyOf(properties), changeFeedPollMillis, topicSettings, store);
    }
}
