package dev.flights.contract.events;

import dev.flights.contract.UserId;
import java.time.Instant;
import java.util.UUID;

public record ReservationRejected(UUID eventId, Instant occurredAt, UUID reservationId, UserId userId,
        DeclineReason reason) implements ReservationEvent {
}
