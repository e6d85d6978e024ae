package dev.flights.notify.application;

import dev.flights.notify.domain.Notification;

/**
 * A best-effort way out to the customer (the log). Every channel bean gets every newly stored notification once; a
 * channel that fails is logged and does not hold the saga up. A channel whose sends must not be lost is a
 * {@link Webhook} instead.
 */
public interface NotificationChannel {

    void send(Notification notification);
}
