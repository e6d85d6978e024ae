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

/**
 * The topic and its subscriptions with their type filters, read from {@code reservation-events.json}:
 * the single source the local bus and the Bicep template both use.
 */
public record Subscriptions(String topic, int maxDeliveryCount, Map<String, Set<EventType>> filters) {

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
