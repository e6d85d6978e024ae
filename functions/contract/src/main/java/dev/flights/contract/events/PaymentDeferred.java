package dev.flights.contract.events;

import dev.flights.contract.UserId;
import java.time.Instant;
import java.util.UUID;

/** Pay could not take the payment now (its circuit is open); it will try again at {@code retryAt}. */
public record PaymentDeferred(UUID eventId, Instant occurredAt, UUID reservationId, UserId userId,
        Instant retryAt) implements PaymentEvent {
}
