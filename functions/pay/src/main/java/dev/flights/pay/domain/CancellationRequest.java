package dev.flights.pay.domain;

import dev.flights.contract.FlightId;
import dev.flights.contract.UserId;
import dev.flights.contract.events.EventIds;
import dev.flights.contract.events.EventType;
import dev.flights.contract.events.RefundRetryDue;
import dev.flights.contract.events.ReservationCancelled;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

/**
 * A cancelled reservation whose payment must be settled: refunded when charged, tombstoned when not. Attempt 0
 * is the cancellation itself, attempt n the n-th retry after pay's store was unavailable.
 */
public record CancellationRequest(UUID reservationId, UserId userId, FlightId flightId, int attempt) {

    public static CancellationRequest of(ReservationCancelled cancelled) {
        return new CancellationRequest(cancelled.reservationId(), cancelled.userId(), cancelled.flightId(), 0);
    }

    public static CancellationRequest of(RefundRetryDue due) {
        return new CancellationRequest(due.reservationId(), due.userId(), due.flightId(), due.attempt());
    }

    public Instant retryAt(Instant now, Duration delay) {
        return PaymentRequest.backoff(now, delay, attempt);
    }

    /** Pay's note to itself for the next attempt; its id derives from the attempt, so deferring twice sends one. */
    public RefundRetryDue retryDue(Instant now) {
        int next = attempt + 1;
        return new RefundRetryDue(EventIds.of(reservationId, EventType.RefundRetryDue, next), now, reservationId, userId, flightId,
                next);
    }
}
