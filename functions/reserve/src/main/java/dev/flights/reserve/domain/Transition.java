package dev.flights.reserve.domain;

import dev.flights.contract.events.ReservationEvent;
import java.util.List;

/** A reservation's next state and the events that say what happened; no change when {@code changed} is false. */
public record Transition(Reservation reservation, List<ReservationEvent> events, boolean changed) {

    static Transition none(Reservation unchanged) {
        return new Transition(unchanged, List.of(), false);
    }

    static Transition to(Reservation next, ReservationEvent... events) {
        return new Transition(next, List.of(events), true);
    }
}
