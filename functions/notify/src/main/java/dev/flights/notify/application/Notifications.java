package dev.flights.notify.application;

import dev.flights.contract.UserId;
import dev.flights.notify.domain.Notification;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** The notification feed of each customer; each notification carries the state of its webhook delivery. */
public interface Notifications {

    /** A stored notification and the ETag to change it with. */
    record Found(Notification value, String etag) {
    }

    /** Stores a new notification; empty when the notification of that event is stored already (a redelivery). */
    Optional<Found> add(Notification notification);

    Optional<Found> find(UserId userId, UUID eventId);

    /**
     * Replaces a stored notification if it is unchanged since it was read (If-Match); false when it was changed
     * meanwhile, and the change is then not made.
     */
    boolean replace(Notification changed, String etag);

    List<Notification> newestFirst(UserId userId, int limit);
}
