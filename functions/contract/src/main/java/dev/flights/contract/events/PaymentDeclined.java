package dev.flights.contract.events;

import dev.flights.contract.Money;
import dev.flights.contract.UserId;
import java.time.Instant;
import java.util.UUID;

public record PaymentDeclined(UUID eventId, Instant occurredAt, UUID reservationId, UserId userId,
        DeclineReason reason, Money balance) implements PaymentEvent {
}
