package dev.flights.contract.events;

import dev.flights.contract.FlightId;
import dev.flights.contract.UserId;
import java.time.Instant;
import java.util.UUID;

public record ReservationCancelled(UUID eventId, Instant occurredAt, UUID reservationId, UserId userId,
        FlightId flightId) implements ReservationEvent {
}
