package dev.flights.localhost;

import dev.flights.platform.inprocess.DataDirectory;
import dev.flights.platform.inprocess.TopicSettings;
import dev.flights.platform.store.DocumentStore;
import java.nio.file.Path;
import java.util.Map;

/**
 * How to start the local host: the port (0 picks a free one), settings handed to every app's Spring context
 * (for example {@code payment.retry.delay}), the change feeds' delay cap, the topic's behaviour, and the document
 * store the apps share (null: the in-process one; a Cosmos DB store runs the saga on the real adapter), and the
 * data directory the in-process store and topic are kept in (null: memory only, gone when the host stops; see
 * {@link DataDirectory}).
 *
 * <p>{@code changeFeedPollMillis} is {@link #AZURE_FEED_DELAYS} by default: every Cosmos DB trigger waits what its
 * annotation says, as on Azure ({@code feedPollDelay} after a drained poll, its retry policy's intervals). A value
 * above 0 caps every one of those waits, for quick demos and tests; it never lengthens one.
 */
public record LocalHostOptions(int port, Map<String, String> appProperties, long changeFeedPollMillis,
        TopicSettings topicSettings, DocumentStore store, Path dataDir) {

    public LocalHostOptions(int port, Map<String, String> appProperties, long changeFeedPollMillis,
            TopicSettings topicSettings) {
        this(port, appProperties, changeFeedPollMillis, topicSettings, null, null);
    }

    public LocalHostOptions(int port, Map<String, String> appProperties, long changeFeedPollMillis,
            TopicSettings topicSettings, DocumentStore store) {
        this(port, appProperties, changeFeedPollMillis, topicSettings, store, null);
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
        return new LocalHostOptions(port, appProperties, millis, topicSettings, store, dataDir);
    }

    public LocalHostOptions withPort(int newPort) {
        return new LocalHostOptions(newPort, appProperties, changeFeedPollMillis, topicSettings, store, dataDir);
    }

    public LocalHostOptions withAppProperties(Map<String, String> properties) {
        return new LocalHostOptions(port, Map.copyOf(properties), changeFeedPollMillis, topicSettings, store, dataDir);
    }

    /** Keeps the data in this directory (null: in memory only). */
    public LocalHostOptions withDataDir(Path directory) {
        return new LocalHostOptions(port, appProperties, changeFeedPollMillis, topicSettings, store, directory);
    }
}
