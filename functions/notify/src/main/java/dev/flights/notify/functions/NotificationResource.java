package dev.flights.notify.functions;

import dev.flights.notify.domain.Notification;
import java.time.Instant;
import java.util.UUID;

/** A notification as the HTTP API shows it. */
record NotificationResource(UUID eventId, UUID reservationId, String type, String message, Instant occurredAt,
        String correlationId) {

    static NotificationResource of(Notification n) {
        return new NotificationResource(n.eventId(), n.reservationId(), n.type().name(), n.message(), n.occurredAt(),
                n.correlationId());
    }
}
