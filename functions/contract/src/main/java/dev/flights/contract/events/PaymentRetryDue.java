package dev.flights.contract.events;

import dev.flights.contract.FlightId;
import dev.flights.contract.Money;
import dev.flights.contract.UserId;
import java.time.Instant;
import java.util.UUID;

/**
 * Pay's note to itself, scheduled on the topic for the time a deferred payment is due again.
 * Only pay's subscription takes it; {@code attempt} counts the deferrals so far (1 for the first retry).
 */
public record PaymentRetryDue(UUID eventId, Instant occurredAt, UUID reservationId, UserId userId,
        FlightId flightId, Money price, int attempt) implements PaymentEvent {
}
