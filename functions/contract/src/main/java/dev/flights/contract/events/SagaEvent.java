package dev.flights.contract.events;

import dev.flights.contract.UserId;
import java.time.Instant;
import java.util.UUID;

/** Anything that happened to a reservation, in any app. */
public sealed interface SagaEvent permits ReservationEvent, PaymentEvent, TicketEvent, NotificationEvent {

    UUID eventId();

    Instant occurredAt();

    UUID reservationId();

    UserId userId();

    default EventType type() {
        return EventType.of(this);
    }
}
