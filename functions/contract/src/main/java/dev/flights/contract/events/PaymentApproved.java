package dev.flights.contract.events;

import dev.flights.contract.Money;
import dev.flights.contract.UserId;
import java.time.Instant;
import java.util.UUID;

public record PaymentApproved(UUID eventId, Instant occurredAt, UUID reservationId, UserId userId,
        Money amount, Money balance) implements PaymentEvent {
}
