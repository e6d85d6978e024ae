package dev.flights.ticket.application;

import dev.flights.ticket.domain.Ticket;
import dev.flights.ticket.domain.TicketChange;
import java.util.Optional;
import java.util.UUID;

/**
 * The tickets and their outbox. {@link #record} stores a change's new state and its events together or not at all;
 * it fails with a concurrency exception when the ticket changed since it was found (ETag) or, for a new one, when a
 * ticket of that reservation exists already.
 */
public interface Tickets {

    Optional<Found> find(UUID reservationId);

    /** @param etag the ETag the ticket had when found, or null for a new ticket */
    void record(TicketChange change, String etag);

    /** A ticket as stored, with the ETag to write it back with. */
    record Found(Ticket ticket, String etag) {
    }
}
