package dev.flights.notify.application;

import dev.flights.notify.domain.Notification;

/**
 * The customer's receiver outside (a chat or messenger webhook, N5). Unlike a {@link NotificationChannel} it says
 * whether the receiver took the notification, so that a failed send can be tried again. A send takes at most the
 * configured timeout and never throws: every failure is an outcome.
 */
public interface Webhook {

    WebhookOutcome deliver(Notification notification);
}
