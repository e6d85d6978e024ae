package dev.flights.reserve.domain;

import dev.flights.contract.FlightId;
import dev.flights.contract.Money;
import dev.flights.contract.ReservationStatus;
import dev.flights.contract.UserId;
import dev.flights.contract.events.EventIds;
import dev.flights.contract.events.EventType;
import dev.flights.contract.events.PaymentApproved;
import dev.flights.contract.events.PaymentDeclined;
import dev.flights.contract.events.PaymentDeferred;
import dev.flights.contract.events.PaymentRefunded;
import dev.flights.contract.events.ReservationCancelled;
import dev.flights.contract.events.ReservationConfirmed;
import dev.flights.contract.events.ReservationRejected;
import dev.flights.contract.events.ReservationRequested;
import dev.flights.contract.events.SagaEvent;
import dev.flights.contract.events.TicketIssued;
import dev.flights.contract.events.TicketVoided;
import java.time.Instant;
import java.util.Set;
import java.util.UUID;

/**
 * A seat reservation, the system of record of the saga. Invariants: it is paid for at most once (it confirms only
 * while awaiting payment), a rejected reservation is never cancelled, and each of its events happens at most once,
 * so event ids derive from the reservation id and the event type and a repeated step re-emits the same ids.
 * Reactions to other apps' events are idempotent: an event that no longer applies changes nothing, so an event
 * that arrives late (its delivery deferred while another of the reservation overtook it) leaves the same state as in
 * order, or another state the saga allows.
 * {@code version} grows with every change, so readers can order versions.
 */
public record Reservation(UUID reservationId, UserId userId, FlightId flightId, Money price,
        ReservationStatus status, String ticketNumber, boolean ticketVoided, boolean refunded,
        Instant paymentRetryAt, Instant createdAt, Instant updatedAt, long version) {

    public static Transition request(UUID reservationId, UserId userId, FlightId flightId, Money price, Instant now) {
        Reservation requested = new Reservation(reservationId, userId, flightId, price, ReservationStatus.REQUESTED,
                null, false, false, null, now, now, 1);
        return Transition.to(requested, new ReservationRequested(requested.eventId(EventType.ReservationRequested), now,
                reservationId, userId, flightId, price));
    }

    /** Applies what another app reported about this reservation. */
    public Transition on(SagaEvent event, Instant now) {
        return react(event, now).answering(answeredBy(event));
    }

    /**
     * The events of a reservation that {@code incoming} answers: pay acts only on ReservationRequested (or on its
     * own retry of one) and on ReservationCancelled, issue-ticket only on ReservationConfirmed and
     * ReservationCancelled, so their events prove that those were published.
     */
    public static Set<EventType> answeredBy(SagaEvent incoming) {
        return switch (incoming.type()) {
            case PaymentApproved, PaymentDeclined, PaymentDeferred -> Set.of(EventType.ReservationRequested);
            case TicketIssued -> Set.of(EventType.ReservationConfirmed);
            case PaymentRefunded, TicketVoided -> Set.of(EventType.ReservationCancelled);
            default -> Set.of();
        };
    }

    /**
     * True for the events another app always answers (pay every request, issue-ticket every confirmation): their
     * answer proves them published, so the next version of the reservation settles them and no write of its own is
     * needed. A cancellation is answered only when there was a payment or a ticket, a rejection never.
     */
    public static boolean awaitsAnswer(EventType type) {
        return type == EventType.ReservationRequested || type == EventType.ReservationConfirmed;
    }

    private Transition react(SagaEvent event, Instant now) {
        if (event instanceof PaymentApproved && awaitsPayment()) {
            return Transition.to(withStatus(ReservationStatus.CONFIRMED).changedAt(now),
                    new ReservationConfirmed(eventId(EventType.ReservationConfirmed), now, reservationId, userId, flightId));
        }
        if (event instanceof PaymentDeclined declined && awaitsPayment()) {
            return Transition.to(withStatus(ReservationStatus.REJECTED).changedAt(now),
                    new ReservationRejected(eventId(EventType.ReservationRejected), now, reservationId, userId,
                            declined.reason()));
        }
        // a deferral overtaken by a later one (a delayed copy) must not move the retry time back
        if (event instanceof PaymentDeferred deferred && awaitsPayment()
                && (paymentRetryAt == null || deferred.retryAt().isAfter(paymentRetryAt))) {
            return Transition.to(withStatus(ReservationStatus.PAYMENT_PENDING).withPaymentRetryAt(deferred.retryAt())
                    .changedAt(now));
        }
        if (event instanceof PaymentRefunded && !refunded) {
            return Transition.to(withRefunded().changedAt(now));
        }
        if (event instanceof TicketIssued issued && ticketNumber == null) {
            ReservationStatus next = status == ReservationStatus.CONFIRMED ? ReservationStatus.TICKETED : status;
            return Transition.to(withTicketNumber(issued.ticketNumber()).withStatus(next).changedAt(now));
        }
        if (event instanceof TicketVoided && !ticketVoided) {
            return Transition.to(withTicketVoided().changedAt(now));
        }
        return Transition.none(this);
    }

    /** F6: the customer cancels; the payment and the ticket follow through the event. */
    public CancelOutcome cancel(Instant now) {
        return switch (status) {
            case CANCELLED -> new CancelOutcome.AlreadyCancelled(this);
            case REJECTED -> new CancelOutcome.NotCancellable(this);
            default -> new CancelOutcome.Cancelled(Transition.to(withStatus(ReservationStatus.CANCELLED).changedAt(now),
                    new ReservationCancelled(eventId(EventType.ReservationCancelled), now, reservationId, userId, flightId)));
        };
    }

    private boolean awaitsPayment() {
        return status == ReservationStatus.REQUESTED || status == ReservationStatus.PAYMENT_PENDING;
    }

    // the with… methods change one thing; changedAt, once per transition, makes it a new version

    /** A retry time belongs only to a reservation whose payment is pending. */
    private Reservation withStatus(ReservationStatus next) {
        return new Reservation(reservationId, userId, flightId, price, next, ticketNumber, ticketVoided, refunded,
                next == ReservationStatus.PAYMENT_PENDING ? paymentRetryAt : null, createdAt, updatedAt, version);
    }

    private Reservation withPaymentRetryAt(Instant retryAt) {
        return new Reservation(reservationId, userId, flightId, price, status, ticketNumber, ticketVoided, refunded,
                retryAt, createdAt, updatedAt, version);
    }

    private Reservation withTicketNumber(String number) {
        return new Reservation(reservationId, userId, flightId, price, status, number, ticketVoided, refunded,
                paymentRetryAt, createdAt, updatedAt, version);
    }

    private Reservation withTicketVoided() {
        return new Reservation(reservationId, userId, flightId, price, status, ticketNumber, true, refunded,
                paymentRetryAt, createdAt, updatedAt, version);
    }

    private Reservation withRefunded() {
        return new Reservation(reservationId, userId, flightId, price, status, ticketNumber, ticketVoided, true,
                paymentRetryAt, createdAt, updatedAt, version);
    }

    private Reservation changedAt(Instant now) {
        return new Reservation(reservationId, userId, flightId, price, status, ticketNumber, ticketVoided, refunded,
                paymentRetryAt, createdAt, now, version + 1);
    }

    private UUID eventId(EventType type) {
        return EventIds.of(reservationId, type);
    }
}
