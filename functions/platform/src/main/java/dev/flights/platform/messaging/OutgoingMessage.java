package dev.flights.platform.messaging;

import dev.flights.contract.codec.EventCodec;
import dev.flights.contract.events.SagaEvent;
import java.time.Instant;

/**
 * A message for the topic; {@code scheduledEnqueueTime} null means now. {@code to} null means every subscription
 * whose filter takes the type; a subscription name addresses the message to that subscription only (Service Bus
 * {@code To}, which each subscription's filter admits as {@code sys.To = '<subscription>'}): how a consumer sends
 * itself a delayed copy of a message, or an operator resubmits a dead letter, without the other consumers seeing
 * it again.
 */
public record OutgoingMessage(String messageId, String sessionId, String type, String correlationId, String body,
        Instant scheduledEnqueueTime, String to) {

    public OutgoingMessage(String messageId, String sessionId, String type, String correlationId, String body,
            Instant scheduledEnqueueTime) {
        this(messageId, sessionId, type, correlationId, body, scheduledEnqueueTime, null);
    }

    public static OutgoingMessage of(SagaEvent event, String source, String correlationId) {
        return new OutgoingMessage(event.eventId().toString(), event.reservationId().toString(), event.type().name(),
                correlationId, EventCodec.encode(event, source, correlationId), null, null);
    }

    public OutgoingMessage scheduledAt(Instant time) {
        return new OutgoingMessage(messageId, sessionId, type, correlationId, body, time, to);
    }

    /** The same message for one subscription only, under another message id (so duplicate detection lets it by). */
    public OutgoingMessage addressedTo(String subscription, String newMessageId) {
        return new OutgoingMessage(newMessageId, sessionId, type, correlationId, body, scheduledEnqueueTime,
                subscription);
    }
}
