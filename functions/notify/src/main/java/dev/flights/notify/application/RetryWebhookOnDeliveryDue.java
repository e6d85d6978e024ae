package dev.flights.notify.application;

import dev.flights.contract.events.NotificationDeliveryDue;
import dev.flights.notify.domain.WebhookDelivery;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * N5: a webhook send that failed is made again when its retry falls due. Idempotent: a retry sends only while the
 * delivery is PENDING and it is the next attempt; a repeated, stale or late retry (the notification SENT or
 * FAILED meanwhile) sends nothing.
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

    public void on(NotificationDeliveryDue due) {
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
        webhook.sendNext(found.get());
    }
}
