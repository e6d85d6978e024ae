package dev.flights.localhost;

import dev.flights.platform.inprocess.TopicSettings;
import java.util.Map;

/**
 * How to start the local host: the port (0 picks a free one), settings handed to every app's Spring context
 * (for example {@code payment.retry.delay}), how often change feeds are polled, and the topic's behaviour.
 */
public record LocalHostOptions(int port, Map<String, String> appProperties, long changeFeedPollMillis,
        TopicSettings topicSettings) {

    public static final int DEFAULT_PORT = 7071;

    public static LocalHostOptions defaults() {
        return new LocalHostOptions(DEFAULT_PORT, Map.of(), 50, TopicSettings.defaults());
    }

    public LocalHostOptions withPort(int newPort) {
        return new LocalHostOptions(newPort, appProperties, changeFeedPollMillis, topicSettings);
    }

    public LocalHostOptions withAppProperties(Map<String, String> properties) {
        return new LocalHostOptions(port, Map.copyOf(properties), changeFeedPollMillis, topicSettings);
    }
}
