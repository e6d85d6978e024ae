package dev.flights.view.domain;

import dev.flights.contract.FlightId;
import dev.flights.contract.Money;
import dev.flights.contract.ReservationStatus;
import dev.flights.contract.UserId;
import java.time.Instant;
import java.util.UUID;

/**
 * One reservation in its customer's list, a copy of one version of reserve's system of record. The change feed may
 * hand versions over late, twice or out of order; the list only ever moves to a higher version, so whatever the
 * order, it ends on the latest one.
 */
public record ReservationView(UUID reservationId, UserId userId, FlightId flightId, ReservationStatus status,
        Money price, String ticketNumber, boolean refunded, Instant paymentRetryAt, Instant createdAt,
        Instant updatedAt, long version) {

    /** True when this version is newer than the one shown, and so should replace it. */
    public boolean supersedes(ReservationView shown) {
        return version > shown.version;
    }
}
