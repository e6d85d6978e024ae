package dev.flights.view.functions;

import dev.flights.view.domain.ReservationView;
import java.time.Instant;
import java.util.UUID;

/** A reservation as the list API shows it. */
record ReservationItem(UUID reservationId, String flightId, String status, long price, String ticketNumber,
        boolean refunded, Instant paymentRetryAt, Instant createdAt, Instant updatedAt) {

    static ReservationItem of(ReservationView v) {
        return new ReservationItem(v.reservationId(), v.flightId().value(), v.status().name(), v.price().amount(),
                v.ticketNumber(), v.refunded(), v.paymentRetryAt(), v.createdAt(), v.updatedAt());
    }
}
