package dev.flights.notify.application;

import dev.flights.contract.codec.ReceivedEvent;
import dev.flights.notify.domain.Notification;
import dev.flights.notify.domain.WebhookDelivery;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * F11, N5: tells the customer of every step. The notification is stored first (the feed: exactly one per event);
 * what each channel then gets:
 * <ul>
 * <li>the log channels: at most once, only when the notification is newly stored, so a crash between storing and
 * sending loses that line;</li>
 * <li>the webhook, when one is set: at least once while its attempts last, and nothing more once it answered 2xx
 * and that was recorded (SENT, with If-Match). It is sent when the notification is newly stored, again when a
 * redelivered event finds its delivery still PENDING (a crash after storing, or between sending and recording), and
 * on each scheduled retry that is not stale (see {@link WebhookDeliveries} for why a retry ahead of the recorded
 * attempts sends too). A receiver gets a notification twice only when a crash or
 * a store failure falls between a 2xx and its recording, or when the event is redelivered while a retry waits; it
 * dedupes on the {@code X-Event-Id} header. After the last attempt fails the delivery is FAILED and logged as an
 * error.</li>
 * </ul>
 * A failing or slow receiver never fails or holds up the saga beyond the webhook's timeout.
 */
@Component
public class NotifyOnSagaEvent implements Consumer<ReceivedEvent> {

    private static final Logger log = LoggerFactory.getLogger(NotifyOnSagaEvent.class);

    private final Notifications notifications;
    private final List<NotificationChannel> channels;
    private final WebhookDeliveries webhook;

    public NotifyOnSagaEvent(Notifications notifications, List<NotificationChannel> channels,
            WebhookDeliveries webhook) {
        this.notifications = notifications;
        this.channels = List.copyOf(channels);
        this.webhook = webhook;
    }

    @Override
    public void accept(ReceivedEvent received) {
        on(received);
    }

    /** An event delivered under its own id as message id, as the apps publish it. */
    public void on(ReceivedEvent received) {
        on(received, received.event().eventId().toString());
    }

    /**
     * @param messageId the id of the message that brought the event (a deferred copy has another than the
     *                  original); a webhook retry it schedules is derived from it
     */
    public void on(ReceivedEvent received, String messageId) {
        Optional<Notification> about = Notification.about(received.event(), received.correlationId());
        if (about.isEmpty()) {
            log.debug("{} {} is nothing to tell the customer", received.event().type(), received.event().eventId());
            return;
        }
        Notification notification = webhook.isOn() ? about.get().withWebhook(WebhookDelivery.pending()) : about.get();
        Optional<Notifications.Found> added = notifications.add(notification);
        if (added.isPresent()) {
            channels.forEach(channel -> send(channel, notification));
            if (webhook.isOn()) {
                webhook.sendNext(added.get(), messageId);
            }
            return;
        }
        Optional<Notifications.Found> stored = notifications.find(notification.userId(), notification.eventId());
        if (webhook.isOn() && stored.map(found -> found.value().webhook().isPending()).orElse(false)) {
            log.info("{} {} was notified already but its webhook delivery is still pending: sending it again",
                    notification.type(), notification.eventId());
            webhook.sendNext(stored.get(), messageId);
            return;
        }
        log.info("{} {} was notified already", notification.type(), notification.eventId());
    }

    private static void send(NotificationChannel channel, Notification notification) {
        try {
            channel.send(notification);
        } catch (RuntimeException e) {
            log.warn("{} could not send the notification of {} {}: {}", channel.getClass().getSimpleName(),
                    notification.type(), notification.eventId(), e.toString());
        }
    }
}
