package dev.flights.pay.domain;

import dev.flights.contract.FlightId;
import dev.flights.contract.Money;
import dev.flights.contract.UserId;
import dev.flights.contract.events.DeclineReason;
import dev.flights.contract.events.EventIds;
import dev.flights.contract.events.EventType;
import dev.flights.contract.events.PaymentApproved;
import dev.flights.contract.events.PaymentDeclined;
import dev.flights.contract.events.PaymentRefunded;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * A customer's account and the aggregate root of their payments. Invariants: money is conserved
 * ({@code deposited = balance + charged - refunded}, checked on every state), the balance never goes negative, and
 * each reservation is charged at most once and refunded at most once, because it has at most one payment and
 * any payment, whatever its status, settles the request. {@code version} 0 is an account nobody has deposited
 * into yet, which is not stored.
 */
public record Account(UserId userId, Money balance, Money deposited, Money charged, Money refunded, long version) {

    public Account {
        if (deposited.amount() != balance.amount() + charged.amount() - refunded.amount()) {
            throw new IllegalArgumentException("money of " + userId + " is not conserved: deposited " + deposited
                    + " != balance " + balance + " + charged " + charged + " - refunded " + refunded);
        }
    }

    public static Account open(UserId userId) {
        return new Account(userId, Money.ZERO, Money.ZERO, Money.ZERO, Money.ZERO, 0);
    }

    public boolean stored() {
        return version > 0;
    }

    public Account deposit(Money amount) {
        if (amount.amount() == 0) {
            throw new IllegalArgumentException("a deposit must be positive");
        }
        return new Account(userId, balance.plus(amount), deposited.plus(amount), charged, refunded, version + 1);
    }

    /**
     * F2: settles a reservation's request for payment, unless it has a payment already (a redelivered request, a
     * retry after a charge, or a reservation cancelled before it was charged): then nothing happens.
     */
    public Optional<PaymentOutcome> pay(PaymentRequest request, Optional<Payment> existing, Instant now) {
        return existing.isPresent() ? Optional.empty() : Optional.of(charge(request, now));
    }

    /** F4, F5: charges the price when the balance covers it, declines otherwise. */
    PaymentOutcome charge(PaymentRequest request, Instant now) {
        UUID reservationId = request.reservationId();
        if (balance.isLessThan(request.price())) {
            return new PaymentOutcome.Declined(this, Payment.declined(request, now),
                    new PaymentDeclined(EventIds.of(reservationId, EventType.PaymentDeclined), now, reservationId, userId,
                            DeclineReason.INSUFFICIENT_BALANCE, balance));
        }
        Account paid = new Account(userId, balance.minus(request.price()), deposited, charged.plus(request.price()),
                refunded, version + 1);
        return new PaymentOutcome.Approved(paid, Payment.charged(request, now),
                new PaymentApproved(EventIds.of(reservationId, EventType.PaymentApproved), now, reservationId, userId,
                        request.price(), paid.balance));
    }

    /**
     * F7, F8: a cancelled reservation gives back what it was charged, once. Cancelled before any payment, it leaves
     * a tombstone so that a later request or retry charges nothing. A declined or already refunded payment
     * stays as it is.
     */
    public Optional<Settlement> cancel(UUID reservationId, FlightId flightId, Optional<Payment> existing,
            Instant now) {
        if (existing.isEmpty()) {
            return Optional.of(new Settlement(Payment.cancelledUnpaid(reservationId, userId, flightId, now), null,
                    List.of()));
        }
        Payment payment = existing.get();
        if (payment.status() != PaymentStatus.CHARGED) {
            return Optional.empty();
        }
        if (!stored()) {
            throw new IllegalStateException("reservation " + reservationId + " was charged to " + userId
                    + " but the account is not there");
        }
        Account back = new Account(userId, balance.plus(payment.amount()), deposited, charged,
                refunded.plus(payment.amount()), version + 1);
        return Optional.of(new Settlement(payment.refunded(now), back,
                Movement.of(back, MovementType.REFUND, payment.amount(), now, reservationId), List.of(
                new PaymentRefunded(EventIds.of(reservationId, EventType.PaymentRefunded), now, reservationId, userId,
                        payment.amount(), back.balance))));
    }
}
