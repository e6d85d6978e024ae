package dev.flights.reserve.application;

import dev.flights.reserve.domain.Reservation;

/** A new reservation, the one an earlier request with the same key made, or a key reused for another request. */
public sealed interface ReserveSeatOutcome {

    record Accepted(Reservation reservation) implements ReserveSeatOutcome {
    }

    record KeyReusedForAnotherRequest(Reservation existing) implements ReserveSeatOutcome {
    }
}
