package dev.flights.pay.domain;

import dev.flights.contract.FlightId;
import dev.flights.contract.Money;
import dev.flights.contract.UserId;
import java.time.Instant;
import java.util.UUID;

/**
 * The one payment of a reservation, kept in its customer's account. {@code amount} is what was asked for (the
 * price); it moved money only while CHARGED. A CANCELLED_UNPAID payment is a tombstone: the reservation was
 * cancelled before pay saw it requested, so a late request or retry finds it and charges nothing.
 */
public record Payment(UUID reservationId, UserId userId, FlightId flightId, Money amount, PaymentStatus status,
        Instant createdAt, Instant updatedAt) {

    static Payment charged(PaymentRequest request, Instant now) {
        return new Payment(request.reservationId(), request.userId(), request.flightId(), request.price(),
                PaymentStatus.CHARGED, now, now);
    }

    static Payment declined(PaymentRequest request, Instant now) {
        return new Payment(request.reservationId(), request.userId(), request.flightId(), request.price(),
                PaymentStatus.DECLINED, now, now);
    }

    static Payment cancelledUnpaid(UUID reservationId, UserId userId, FlightId flightId, Instant now) {
        return new Payment(reservationId, userId, flightId, Money.ZERO, PaymentStatus.CANCELLED_UNPAID, now, now);
    }

    Payment refunded(Instant now) {
        return new Payment(reservationId, userId, flightId, amount, PaymentStatus.REFUNDED, createdAt, now);
    }
}
