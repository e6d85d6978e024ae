package dev.flights.reserve.application;

import dev.flights.reserve.domain.Reservation;
import dev.flights.reserve.domain.Transition;
import java.util.Optional;
import java.util.UUID;

/**
 * The reservations and their outbox. {@link #record} stores a transition's new state and its events together or not
 * at all; it fails with a concurrency exception when the reservation changed since it was found (ETag) or, for a
 * new one, when one with that id exists.
 */
public interface Reservations {

    Optional<Found> find(UUID reservationId);

    /** @param etag the ETag the reservation had when found, or null for a new reservation */
    void record(Transition transition, String etag);

    /** A reservation as stored, with the ETag to write it back with. */
    record Found(Reservation reservation, String etag) {
    }
}
