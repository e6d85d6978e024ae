package dev.flights.notify;

import dev.flights.contract.FlightId;
import dev.flights.contract.Money;
import dev.flights.contract.UserId;
import dev.flights.contract.events.DeclineReason;
import dev.flights.contract.events.NotificationDeliveryDue;
import dev.flights.contract.events.PaymentApproved;
import dev.flights.contract.events.PaymentDeclined;
import dev.flights.contract.events.PaymentDeferred;
import dev.flights.contract.events.PaymentRefunded;
import dev.flights.contract.events.PaymentRetryDue;
import dev.flights.contract.events.RefundRetryDue;
import dev.flights.contract.events.ReservationCancelled;
import dev.flights.contract.events.ReservationConfirmed;
import dev.flights.contract.events.ReservationRejected;
import dev.flights.contract.events.ReservationRequested;
import dev.flights.contract.events.SagaEvent;
import dev.flights.contract.events.TicketIssued;
import dev.flights.contract.events.TicketVoided;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** The events of one reservation, as the topic delivers them: {@code aReservation().by("ew").paymentApproved(100, 50)}. */
public final class SagaEvents {

    public static final Instant NOON = Instant.parse("2025-06-01T12:00:00Z");

    private final UUID reservationId;
    private final UserId userId;
    private final FlightId flightId = new FlightId("KE123");
    private final Instant at;

    private SagaEvents(UUID reservationId, UserId userId, Instant at) {
        this.reservationId = reservationId;
        this.userId = userId;
        this.at = at;
    }

    public static SagaEvents aReservation() {
        return new SagaEvents(UUID.randomUUID(), new UserId("ew"), NOON);
    }

    public SagaEvents by(String user) {
        return new SagaEvents(reservationId, new UserId(user), at);
    }

    public SagaEvents at(Instant time) {
        return new SagaEvents(reservationId, userId, time);
    }

    public UUID id() {
        return reservationId;
    }

    public ReservationRequested requested() {
        return new ReservationRequested(id("ReservationRequested"), at, reservationId, userId, flightId, Money.of(100));
    }

    public ReservationConfirmed confirmed() {
        return new ReservationConfirmed(id("ReservationConfirmed"), at, reservationId, userId, flightId);
    }

    public ReservationRejected rejected() {
        return new ReservationRejected(id("ReservationRejected"), at, reservationId, userId,
                DeclineReason.INSUFFICIENT_BALANCE);
    }

    public ReservationCancelled cancelled() {
        return new ReservationCancelled(id("ReservationCancelled"), at, reservationId, userId, flightId);
    }

    public PaymentApproved paymentApproved(long amount, long balance) {
        return new PaymentApproved(id("PaymentApproved"), at, reservationId, userId, Money.of(amount),
                Money.of(balance));
    }

    public PaymentDeclined paymentDeclined(long balance) {
        return new PaymentDeclined(id("PaymentDeclined"), at, reservationId, userId,
                DeclineReason.INSUFFICIENT_BALANCE, Money.of(balance));
    }

    public PaymentDeferred paymentDeferred(Instant retryAt) {
        return new PaymentDeferred(id("PaymentDeferred"), at, reservationId, userId, retryAt);
    }

    public PaymentRefunded paymentRefunded(long amount, long balance) {
        return new PaymentRefunded(id("PaymentRefunded"), at, reservationId, userId, Money.of(amount),
                Money.of(balance));
    }

    public RefundRetryDue refundRetryDue() {
        return new RefundRetryDue(id("RefundRetryDue"), at, reservationId, userId, flightId, 1);
    }

    public PaymentRetryDue paymentRetryDue() {
        return new PaymentRetryDue(id("PaymentRetryDue"), at, reservationId, userId, flightId, Money.of(100), 1);
    }

    public NotificationDeliveryDue deliveryDue(UUID notificationEventId, int attempt) {
        return new NotificationDeliveryDue(id("NotificationDeliveryDue|" + attempt), at, reservationId, userId,
                notificationEventId, attempt);
    }

    public TicketIssued ticketIssued(String number) {
        return new TicketIssued(id("TicketIssued"), at, reservationId, userId, flightId, number);
    }

    public TicketVoided ticketVoided(String number) {
        return new TicketVoided(id("TicketVoided"), at, reservationId, userId, number);
    }

    /** One of each event the customer is told about. */
    public List<SagaEvent> everyCustomerFacingEvent() {
        return List.of(requested(), confirmed(), rejected(), cancelled(), paymentApproved(100, 50),
                paymentDeclined(20), paymentDeferred(at.plusSeconds(30)), paymentRefunded(100, 150),
                ticketIssued("TK-0123456789"), ticketVoided("TK-0123456789"));
    }

    private UUID id(String type) {
        return UUID.nameUUIDFromBytes((reservationId + "|" + type).getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }
}
