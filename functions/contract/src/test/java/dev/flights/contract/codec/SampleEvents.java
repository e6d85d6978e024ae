package dev.flights.contract.codec;

import dev.flights.contract.FlightId;
import dev.flights.contract.Money;
import dev.flights.contract.UserId;
import dev.flights.contract.events.DeclineReason;
import dev.flights.contract.events.EventType;
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
import java.util.EnumMap;
import java.util.Map;
import java.util.UUID;

/** One instance of every event record, with distinct field values. */
final class SampleEvents {

    static final UUID RESERVATION = UUID.fromString("7d3b0c52-1f7e-4c39-9a43-5f0e7f3c9b11");
    static final UserId USER = new UserId("alice.k_1");
    static final FlightId FLIGHT = new FlightId("KE123");
    static final Instant AT = Instant.parse("2025-03-01T10:15:30.123456789Z");

    private SampleEvents() {
    }

    static Map<EventType, SagaEvent> oneOfEach() {
        Map<EventType, SagaEvent> all = new EnumMap<>(EventType.class);
        put(all, new ReservationRequested(id(1), AT, RESERVATION, USER, FLIGHT, Money.of(100)));
        put(all, new ReservationConfirmed(id(2), AT, RESERVATION, USER, FLIGHT));
        put(all, new ReservationRejected(id(3), AT, RESERVATION, USER, DeclineReason.INSUFFICIENT_BALANCE));
        put(all, new ReservationCancelled(id(4), AT, RESERVATION, USER, FLIGHT));
        put(all, new PaymentApproved(id(5), AT, RESERVATION, USER, Money.of(100), Money.of(50)));
        put(all, new PaymentDeclined(id(6), AT, RESERVATION, USER, DeclineReason.INSUFFICIENT_BALANCE, Money.of(20)));
        put(all, new PaymentDeferred(id(7), AT, RESERVATION, USER, Instant.parse("2025-03-01T10:20:00Z")));
        put(all, new PaymentRefunded(id(8), AT, RESERVATION, USER, Money.of(100), Money.of(150)));
        put(all, new PaymentRetryDue(id(9), AT, RESERVATION, USER, FLIGHT, Money.of(100), 2));
        put(all, new RefundRetryDue(id(12), AT, RESERVATION, USER, FLIGHT, 1));
        put(all, new TicketIssued(id(10), AT, RESERVATION, USER, FLIGHT, "TK-000123"));
        put(all, new TicketVoided(id(11), AT, RESERVATION, USER, "TK-000123"));
        put(all, new NotificationDeliveryDue(id(13), AT, RESERVATION, USER, id(10), 3));
        return all;
    }

    static UUID id(int n) {
        return UUID.fromString(String.format("00000000-0000-4000-8000-%012d", n));
    }

    private static void put(Map<EventType, SagaEvent> all, SagaEvent event) {
        all.put(event.type(), event);
    }
}
