package dev.flights.pay.domain;

import dev.flights.contract.FlightId;
import dev.flights.contract.Money;
import dev.flights.contract.UserId;
import dev.flights.contract.events.EventIds;
import dev.flights.contract.events.EventType;
import dev.flights.contract.events.PaymentDeferred;
import dev.flights.contract.events.PaymentRetryDue;
import dev.flights.contract.events.ReservationRequested;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

/**
 * A reservation asking to be paid for: the first time when it is requested (attempt 0), again when a deferred
 * payment is due (attempt n for the n-th retry).
 */
public record PaymentRequest(UUID reservationId, UserId userId, FlightId flightId, Money price, int attempt) {

    private static final int MAX_DOUBLINGS = 4;

    public PaymentRequest {
        if (attempt < 0) {
            throw new IllegalArgumentException("attempt cannot be negative: " + attempt);
        }
    }

    public static PaymentRequest of(ReservationRequested requested) {
        return new PaymentRequest(requested.reservationId(), requested.userId(), requested.flightId(),
                requested.price(), 0);
    }

    public static PaymentRequest of(PaymentRetryDue due) {
        return new PaymentRequest(due.reservationId(), due.userId(), due.flightId(), due.price(), due.attempt());
    }

    /** When to try again: the delay doubles with every attempt, up to 16 times the delay. */
    public Instant retryAt(Instant now, Duration delay) {
        return backoff(now, delay, attempt);
    }

    static Instant backoff(Instant now, Duration delay, int attempt) {
        return now.plus(delay.multipliedBy(1L << Math.min(attempt, MAX_DOUBLINGS)));
    }

    /**
     * N3: this attempt could not be made now. The reservation hears it is deferred, and pay schedules itself the
     * next attempt; both ids derive from the attempt, so deferring the same attempt again re-emits the same messages.
     */
    public Deferral defer(Instant retryAt, Instant now) {
        int next = attempt + 1;
        return new Deferral(
                new PaymentDeferred(EventIds.of(reservationId, EventType.PaymentDeferred, attempt), now, reservationId, userId,
                        retryAt),
                new PaymentRetryDue(EventIds.of(reservationId, EventType.PaymentRetryDue, next), now, reservationId, userId,
                        flightId, price, next));
    }

    /** What deferring an attempt says: to the reservation now, and to pay itself at {@code retryAt}. */
    public record Deferral(PaymentDeferred deferred, PaymentRetryDue retryDue) {
    }
}
