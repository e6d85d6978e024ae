package dev.flights.view.application;

import dev.flights.contract.UserId;
import dev.flights.view.domain.ReservationView;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The reservation list of each customer. {@link #save} fails with a concurrency exception when the item changed
 * since it was found (ETag) or, for a new one, when another writer created it first.
 */
public interface ReservationViews {

    Optional<Found> find(UserId userId, UUID reservationId);

    /** @param etag the ETag the item had when found, or null when there was none */
    void save(ReservationView view, String etag);

    List<ReservationView> newestFirst(UserId userId, int limit);

    /** An item as stored, with the ETag to replace it with. */
    record Found(ReservationView view, String etag) {
    }
}
