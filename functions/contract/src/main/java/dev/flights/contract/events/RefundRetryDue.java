package dev.flights.contract.events;

import dev.flights.contract.FlightId;
import dev.flights.contract.UserId;
import java.time.Instant;
import java.util.UUID;

/**
 * Pay's note to itself, scheduled on the topic for the time the settlement of a cancellation (a refund, or the
 * tombstone that keeps a later retry from charging) is due again because pay's store was unavailable.
 * Only pay's subscription takes it; {@code attempt} counts the deferrals so far.
 */
public record RefundRetryDue(UUID eventId, Instant occurredAt, UUID reservationId, UserId userId, FlightId flightId,
        int attempt) implements PaymentEvent {
}
