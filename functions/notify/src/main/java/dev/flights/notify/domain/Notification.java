package dev.flights.notify.domain;

import dev.flights.contract.UserId;
import dev.flights.contract.events.EventType;
import dev.flights.contract.events.SagaEvent;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/**
 * What the customer is told about one event of one of their reservations. There is at most one notification per
 * event: it is identified by the event id, so a redelivered event is recognised as already told.
 */
public record Notification(UUID eventId, UserId userId, UUID reservationId, EventType type, String message,
        Instant occurredAt, String correlationId) {

    /** The notification of an event, or empty for an event the customer is not told about. */
    public static Optional<Notification> about(SagaEvent event, String correlationId) {
        return NotificationText.of(event).map(message -> new Notification(event.eventId(), event.userId(),
                event.reservationId(), event.type(), message, event.occurredAt(), correlationId));
    }
}
