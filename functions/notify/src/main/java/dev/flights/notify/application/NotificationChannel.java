package dev.flights.notify.application;

import dev.flights.notify.domain.Notification;

/**
 * A way out to the customer (a log today, a chat or messenger webhook later, N5). Every channel bean gets every
 * newly stored notification once; a channel that fails is logged and does not hold the saga up.
 */
public interface NotificationChannel {

    void send(Notification notification);
}
