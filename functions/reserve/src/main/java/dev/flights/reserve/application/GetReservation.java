package dev.flights.reserve.application;

import dev.flights.reserve.domain.Reservation;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import org.springframework.stereotype.Component;

/** Reads one reservation from the system of record. */
@Component
public class GetReservation implements Function<UUID, Optional<Reservation>> {

    private final Reservations reservations;

    public GetReservation(Reservations reservations) {
        this.reservations = reservations;
    }

    @Override
    public Optional<Reservation> apply(UUID reservationId) {
        return reservations.find(reservationId).map(Reservations.Found::reservation);
    }
}
