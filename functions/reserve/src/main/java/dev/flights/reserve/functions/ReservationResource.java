package dev.flights.reserve.functions;

import dev.flights.reserve.domain.Reservation;
import java.time.Instant;
import java.util.UUID;

/** A reservation as the HTTP API shows it. */
record ReservationResource(UUID reservationId, String userId, String flightId, long price, String status,
        String ticketNumber, boolean ticketVoided, boolean refunded, Instant paymentRetryAt, Instant createdAt, Instant updatedAt) {

    static ReservationResource of(Reservation r) {
        return new ReservationResource(r.reservationId(), r.userId().value(), r.flightId().value(), r.price().amount(),
                r.status().name(), r.ticketNumber(), r.ticketVoided(), r.refunded(), r.paymentRetryAt(), r.createdAt(), r.updatedAt());
    }
}
