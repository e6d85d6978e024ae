package dev.flights.contract.events;

import dev.flights.contract.UserId;
import java.time.Instant;
import java.util.UUID;

public record TicketVoided(UUID eventId, Instant occurredAt, UUID reservationId, UserId userId,
        String ticketNumber) implements TicketEvent {
}
