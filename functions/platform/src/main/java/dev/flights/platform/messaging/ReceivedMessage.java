package dev.flights.platform.messaging;

/** A message as a subscription delivers it; {@code deliveryCount} starts at 1. */
public record ReceivedMessage(String messageId, String sessionId, String type, String correlationId, String body,
        int deliveryCount) {
}
