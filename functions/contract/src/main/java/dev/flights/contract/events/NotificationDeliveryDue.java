package dev.flights.contract.events;

import dev.flights.contract.UserId;
import java.time.Instant;
import java.util.UUID;

/**
 * Notify's note to itself, scheduled on the topic for the time the webhook delivery of a notification is due
 * again after a failed send. Only notify's subscription takes it; {@code notificationEventId} is the event the
 * notification tells of, {@code attempt} the number of the send it asks for (2 for the first retry).
 */
public record NotificationDeliveryDue(UUID eventId, Instant occurredAt, UUID reservationId, UserId userId,
        UUID notificationEventId, int attempt) implements NotificationEvent {
}
