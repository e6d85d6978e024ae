package dev.flights.reserve.domain;

import dev.flights.contract.FlightId;
import dev.flights.contract.Money;
import dev.flights.contract.UserId;
import dev.flights.contract.events.DeclineReason;
import dev.flights.contract.events.PaymentApproved;
import dev.flights.contract.events.PaymentDeclined;
import dev.flights.contract.events.PaymentDeferred;
import dev.flights.contract.events.PaymentRefunded;
import dev.flights.contract.events.TicketIssued;
import dev.flights.contract.events.TicketVoided;
import java.time.Instant;
import java.util.UUID;

/** Builders for reservations and the events other apps send about them. */
public final class ReservationFixtures {

    public static final Instant NOW = Instant.parse("2026-11-23T10:00:00Z");
    public static final UserId USER = new UserId("ew");
    public static final FlightId FLIGHT = new FlightId("KE123");
    public static final Money PRICE = Money.of(100);

    private ReservationFixtures() {
    }

    public static Reservation aRequestedReservation() {
        return Reservation.request(UUID.randomUUID(), USER, FLIGHT, PRICE, NOW).reservation();
    }

    public static Reservation after(Reservation reservation, Object... events) {
        Reservation current = reservation;
        for (Object event : events) {
            current = current.on((dev.flights.contract.events.SagaEvent) event, NOW).reservation();
        }
        return current;
    }

    public static PaymentApproved approved(Reservation r) {
        return new PaymentApproved(UUID.randomUUID(), NOW, r.reservationId(), r.userId(), PRICE, Money.of(50));
    }

    public static PaymentDeclined declined(Reservation r) {
        return new PaymentDeclined(UUID.randomUUID(), NOW, r.reservationId(), r.userId(),
                DeclineReason.INSUFFICIENT_BALANCE, Money.of(70));
    }

    public static PaymentDeferred deferred(Reservation r, Instant retryAt) {
        return new PaymentDeferred(UUID.randomUUID(), NOW, r.reservationId(), r.userId(), retryAt);
    }

    public static PaymentRefunded refunded(Reservation r) {
        return new PaymentRefunded(UUID.randomUUID(), NOW, r.reservationId(), r.userId(), PRICE, Money.of(150));
    }

    public static TicketIssued ticketIssued(Reservation r, String number) {
        return new TicketIssued(UUID.randomUUID(), NOW, r.reservationId(), r.userId(), r.flightId(), number);
    }

    public static TicketVoided ticketVoided(Reservation r, String number) {
        return new TicketVoided(UUID.randomUUID(), NOW, r.reservationId(), r.userId(), number);
    }
}
