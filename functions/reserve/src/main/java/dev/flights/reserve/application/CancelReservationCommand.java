package dev.flights.reserve.application;

import dev.flights.contract.UserId;
import java.util.Objects;
import java.util.UUID;

/** Cancel this reservation, asked by this customer (only its owner may). */
public record CancelReservationCommand(UUID reservationId, UserId requestedBy) {

    public CancelReservationCommand {
        Objects.requireNonNull(reservationId, "reservationId");
        Objects.requireNonNull(requestedBy, "requestedBy");
    }
}
