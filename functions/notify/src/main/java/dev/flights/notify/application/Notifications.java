package dev.flights.notify.application;

import dev.flights.contract.UserId;
import dev.flights.notify.domain.Notification;
import java.util.List;

/** The notification feed of each customer. */
public interface Notifications {

    /** Stores a notification; false when the notification of that event is stored already (a redelivery). */
    boolean add(Notification notification);

    List<Notification> newestFirst(UserId userId, int limit);
}
