package dev.flights.platform.messaging;

import dev.flights.contract.codec.EventCodec;
import dev.flights.contract.events.SagaEvent;
import java.time.Instant;

/** A message for the topic; {@code scheduledEnqueueTime} null means now. */
public record OutgoingMessage(String messageId, String sessionId, String type, String correlationId, String body,
        Instant scheduledEnqueueTime) {

    public static OutgoingMessage of(SagaEvent event, String source, String correlationId) {
        return new OutgoingMessage(event.eventId().toString(), event.reservationId().toString(), event.type().name(),
                correlationId, EventCodec.encode(event, source, correlationId), null);
    }

    public OutgoingMessage scheduledAt(Instant time) {
        return new OutgoingMessage(messageId, sessionId, type, correlationId, body, time);
    }
}
