package dev.flights.platform.inprocess;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.flights.contract.codec.EventCodec;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What one Functions instance does with a session-enabled subscription, as the Service Bus extension (5.x) reads it
 * from {@code host.json}'s {@code extensions.serviceBus}: at most {@code maxConcurrentSessions} sessions processed at
 * once, one message of a session at a time; a session whose queue is empty keeps its slot for
 * {@code sessionIdleTimeout} (the processor's receive wait) before the slot goes to another session. And the topic's
 * duplicate detection window (a property of the topic, 10 minutes as deployed).
 */
public record TopicSettings(int maxConcurrentSessions, Duration sessionIdleTimeout,
        Duration duplicateDetectionWindow) {

    /** The extension's defaults: 8 sessions; without sessionIdleTimeout the client's TryTimeout, 60 s. */
    public static final TopicSettings EXTENSION_DEFAULTS = new TopicSettings(8, Duration.ofSeconds(60),
            Duration.ofMinutes(10));

    private static final Pattern TIME_SPAN = Pattern.compile("(?:(\\d+)\\.)?(\\d{1,2}):(\\d{2}):(\\d{2})(?:\\.(\\d{1,7}))?");

    public TopicSettings {
        if (maxConcurrentSessions < 1) {
            throw new IllegalArgumentException("maxConcurrentSessions must be at least 1, was " + maxConcurrentSessions);
        }
        if (sessionIdleTimeout.isNegative() || sessionIdleTimeout.isZero()) {
            throw new IllegalArgumentException("sessionIdleTimeout must be positive, was " + sessionIdleTimeout);
        }
    }

    public static TopicSettings defaults() {
        return EXTENSION_DEFAULTS;
    }

    /**
     * The settings a host.json gives; what it leaves out keeps the extension's default. Refuses
     * {@code autoCompleteMessages: false}: the functions here complete by returning, which is what the in-process
     * topic does.
     */
    public static TopicSettings fromHostJson(String hostJson) {
        JsonNode serviceBus;
        try {
            serviceBus = EventCodec.json().readTree(hostJson).path("extensions").path("serviceBus");
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("host.json is not JSON: " + e.getOriginalMessage(), e);
        }
        if (serviceBus.path("autoCompleteMessages").isBoolean() && !serviceBus.path("autoCompleteMessages").asBoolean()) {
            throw new IllegalArgumentException("host.json sets autoCompleteMessages to false; the functions complete "
                    + "a message by returning, so it must stay true");
        }
        int sessions = serviceBus.has("maxConcurrentSessions") ? serviceBus.get("maxConcurrentSessions").asInt()
                : EXTENSION_DEFAULTS.maxConcurrentSessions();
        Duration idle = serviceBus.has("sessionIdleTimeout") ? timeSpan(serviceBus.get("sessionIdleTimeout").asText())
                : EXTENSION_DEFAULTS.sessionIdleTimeout();
        return new TopicSettings(sessions, idle, EXTENSION_DEFAULTS.duplicateDetectionWindow());
    }

    /** The same settings with another idle timeout: how a test shortens a wait without skipping it. */
    public TopicSettings withSessionIdleTimeout(Duration timeout) {
        return new TopicSettings(maxConcurrentSessions, timeout, duplicateDetectionWindow);
    }

    public TopicSettings withMaxConcurrentSessions(int sessions) {
        return new TopicSettings(sessions, sessionIdleTimeout, duplicateDetectionWindow);
    }

    /** A .NET TimeSpan as host.json writes it: {@code [d.]hh:mm:ss[.fffffff]}. */
    static Duration timeSpan(String text) {
        Matcher m = TIME_SPAN.matcher(text.trim());
        if (!m.matches()) {
            throw new IllegalArgumentException("not a TimeSpan ([d.]hh:mm:ss[.fffffff]): '" + text + "'");
        }
        Duration d = Duration.ofDays(m.group(1) == null ? 0 : Long.parseLong(m.group(1)))
                .plusHours(Long.parseLong(m.group(2)))
                .plusMinutes(Long.parseLong(m.group(3)))
                .plusSeconds(Long.parseLong(m.group(4)));
        if (m.group(5) != null) {
            String ticks = (m.group(5) + "0000000").substring(0, 7);
            d = d.plusNanos(Long.parseLong(ticks) * 100);
        }
        return d;
    }
}
