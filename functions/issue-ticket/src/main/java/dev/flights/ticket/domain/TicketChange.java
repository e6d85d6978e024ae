package dev.flights.ticket.domain;

import dev.flights.contract.events.TicketEvent;
import java.util.List;

/** A ticket's next state and the events that say what happened; no change when {@code changed} is false. */
public record TicketChange(Ticket ticket, List<TicketEvent> events, boolean changed) {

    public TicketChange {
        events = List.copyOf(events);
    }

    static TicketChange none(Ticket unchanged) {
        return new TicketChange(unchanged, List.of(), false);
    }

    static TicketChange to(Ticket next, TicketEvent... events) {
        return new TicketChange(next, List.of(events), true);
    }
}
