package dev.flights.contract.topology;

import com.fasterxml.jackson.databind.JsonNode;
import dev.flights.contract.codec.EventCodec;
import dev.flights.contract.events.EventType;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The topic and its subscriptions with their type filters, read from {@code reservation-events.json}:
 * the single source the local bus and the Bicep template both use.
 */
public record Subscriptions(String topic, int maxDeliveryCount, Map<String, Set<EventType>> filters) {

    /**
     * The SQL filter of a subscription on Service Bus: the event types it consumes, or a message addressed to it
     * alone ({@code To}: a consumer's delayed copy of a message to itself, or a resubmitted dead letter).
     */
    public String sqlFilter(String subscription) {
        Set<EventType> types = filters.get(subscription);
        if (types == null) {
            throw new IllegalArgumentException("no subscription " + subscription + " on " + topic);
        }
        String in = types.stream().map(t -> "'" + t.name() + "'").sorted().collect(Collectors.joining(", "));
        return "sys.To = '" + subscription + "' OR (sys.To IS NULL AND type IN (" + in + "))";
    }

    public static Subscriptions load() {
        try (InputStream in = Subscriptions.class.getResourceAsStream("/reservation-events.json")) {
            JsonNode root = EventCodec.json().readTree(in);
            Map<String, Set<EventType>> filters = new LinkedHashMap<>();
            root.get("subscriptions").fields().forEachRemaining(entry -> {
                Set<EventType> types = EnumSet.noneOf(EventType.class);
                entry.getValue().forEach(type -> types.add(EventType.valueOf(type.asText())));
                filters.put(entry.getKey(), types);
            });
            return new Subscriptions(root.get("topic").asText(), root.get("maxDeliveryCount").asInt(), Map.copyOf(filters));
        } catch (IOException e) {
            throw new UncheckedIOException("reservation-events.json is part of the contract jar", e);
        }
    }
}
