package dev.flights.reserve.domain;

import dev.flights.contract.events.EventType;
import dev.flights.contract.events.ReservationEvent;
import java.util.List;
import java.util.Set;

/**
 * A reservation's next state and the events that say what happened; no change when {@code changed} is false.
 * {@code answered}: the reservation's own earlier events that the event causing this transition answers, so they
 * were published (see {@link Reservation#answeredBy}).
 */
public record Transition(Reservation reservation, List<ReservationEvent> events, boolean changed,
        Set<EventType> answered) {

    static Transition none(Reservation unchanged) {
        return new Transition(unchanged, List.of(), false, Set.of());
    }

    static Transition to(Reservation next, ReservationEvent... events) {
        return new Transition(next, List.of(events), true, Set.of());
    }

    Transition answering(Set<EventType> types) {
        return new Transition(reservation, events, changed, Set.copyOf(types));
    }
}
