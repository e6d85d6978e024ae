package dev.flights.notify.application;

import dev.flights.contract.events.NotificationDeliveryDue;
import dev.flights.notify.domain.WebhookDelivery;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * N5: a webhook send that failed is made again when its retry falls due. Idempotent: a retry sends only while the
 * delivery is PENDING and the attempt it was scheduled for is not made yet (the next one, or one ahead of the
 * recorded attempts when recording the failure before it did not happen); a repeated, stale or late retry (the
 * notification SENT or FAILED meanwhile) sends nothing.
 */
@Component
public class RetryWebhookOnDeliveryDue {

    private static final Logger log = LoggerFactory.getLogger(RetryWebhookOnDeliveryDue.class);

    private final Notifications notifications;
    private final WebhookDeliveries webhook;

    public RetryWebhookOnDeliveryDue(Notifications notifications, WebhookDeliveries webhook) {
        this.notifications = notifications;
        this.webhook = webhook;
    }

    /** A retry delivered under its own id as message id, as it is scheduled. */
    public void on(NotificationDeliveryDue due) {
        on(due, due.eventId().toString());
    }

    /** @param messageId the id of the message that brought the retry (a deferred copy has another) */
    public void on(NotificationDeliveryDue due, String messageId) {
        Optional<Notifications.Found> found = notifications.find(due.userId(), due.notificationEventId());
        if (found.isEmpty()) {
            log.warn("no notification of event {} for retry {}; nothing to send", due.notificationEventId(),
                    due.attempt());
            return;
        }
        WebhookDelivery delivery = found.get().value().webhook();
        if (!delivery.awaits(due.attempt())) {
            log.info("webhook delivery of {} is {} after {} attempts; retry {} sends nothing",
                    due.notificationEventId(), delivery.status(), delivery.attempts(), due.attempt());
            return;
        }
        if (!webhook.isOn()) {
            log.warn("no webhook is set any more; the notification of {} stays pending", due.notificationEventId());
            return;
        }
        if (due.attempt() > delivery.nextAttempt()) {
            log.info("retry {} of {} comes ahead of the {} recorded attempts (the failure before it was not recorded);"
                    + " making attempt {}", due.attempt(), due.notificationEventId(), delivery.attempts(),
                    delivery.nextAttempt());
        }
        webhook.sendNext(found.get(), messageId);
    }
}
