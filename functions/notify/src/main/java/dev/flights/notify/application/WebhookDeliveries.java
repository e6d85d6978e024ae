package dev.flights.notify.application;

import dev.flights.contract.events.EventIds;
import dev.flights.contract.events.EventType;
import dev.flights.contract.events.NotificationDeliveryDue;
import dev.flights.notify.domain.Notification;
import dev.flights.notify.domain.RetryPolicy;
import dev.flights.notify.domain.WebhookDelivery;
import dev.flights.platform.messaging.EventPublisher;
import dev.flights.platform.messaging.OutgoingMessage;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * One webhook send of a stored notification and what comes of it, recorded on the notification with its ETag:
 * SENT after a 2xx; after a failure a {@link NotificationDeliveryDue} for the next attempt is scheduled on the topic
 * (with growing delays, as pay does) and the delivery stays PENDING, until the attempts run out and it is FAILED.
 * <p>
 * The retry is scheduled before the failure is recorded, so a crash or a store failure between the two leaves the
 * delivery PENDING at the earlier attempt with the retry on its way; the triggering message comes back (redelivered
 * at once, or as a deferred copy much later) and makes that attempt again. Whichever of the two comes first makes
 * the next send ({@link WebhookDelivery#awaits}: a retry ahead of the recorded attempts is not stale). The retry's
 * message id is derived from the notification, the attempt <em>and the triggering message's id</em>: a message
 * that comes back under the same id schedules the same retry, which the topic's duplicate detection drops while
 * the first one waits; a retry that made the send itself schedules the next one under a new id, so duplicate
 * detection never drops the only retry left. Recording first and scheduling after would not do: a crash between the
 * two leaves the failure recorded and no retry, and a triggering retry that comes back then finds itself stale.
 * <p>
 * The send is bounded by the webhook's timeout and a failing receiver never makes this throw; only the store or the
 * topic failing does, and the message that triggered it is then delivered again.
 */
@Component
public class WebhookDeliveries {

    static final String SOURCE = "/apps/notify";
    private static final Logger log = LoggerFactory.getLogger(WebhookDeliveries.class);

    private final Optional<Webhook> webhook;
    private final Notifications notifications;
    private final EventPublisher publisher;
    private final RetryPolicy policy;
    private final Clock clock;

    public WebhookDeliveries(Optional<Webhook> webhook, Notifications notifications, EventPublisher publisher,
            WebhookSettings settings, Clock clock) {
        this.webhook = webhook;
        this.notifications = notifications;
        this.publisher = publisher;
        this.policy = settings.retry().policy();
        this.clock = clock;
    }

    public boolean isOn() {
        return webhook.isPresent();
    }

    /**
     * Makes the next send of a notification whose delivery is PENDING, and records its outcome.
     *
     * @param trigger the message id of the message this send answers (the event, its deferred copy, or a retry)
     */
    public void sendNext(Notifications.Found found, String trigger) {
        Notification notification = found.value();
        int attempt = notification.webhook().nextAttempt();
        WebhookOutcome outcome = send(notification);
        if (outcome.delivered()) {
            record(notification.withWebhook(notification.webhook().sent(attempt)), found.etag());
            log.debug("{} {} delivered to the webhook on attempt {}", notification.type(), notification.eventId(),
                    attempt);
            return;
        }
        WebhookDelivery failed = notification.webhook().failed(attempt, policy);
        if (failed.isPending()) {
            Instant retryAt = scheduleRetry(notification, attempt + 1, policy.delayAfter(attempt), trigger);
            log.warn("webhook send {} of {} {} failed ({}); next attempt at {}", attempt, notification.type(),
                    notification.eventId(), outcome.detail(), retryAt);
        } else {
            log.error("webhook gave up on {} {} of reservation {} after {} attempts; last: {}", notification.type(),
                    notification.eventId(), notification.reservationId(), attempt, outcome.detail());
        }
        record(notification.withWebhook(failed), found.etag());
    }

    private WebhookOutcome send(Notification notification) {
        try {
            return webhook.map(w -> w.deliver(notification))
                    .orElseGet(() -> WebhookOutcome.failed("no webhook is set"));
        } catch (RuntimeException e) {
            return WebhookOutcome.failed(e.toString()); // a webhook should not throw; if it does, it failed
        }
    }

    private Instant scheduleRetry(Notification notification, int attempt, Duration delay, String trigger) {
        Instant now = clock.instant();
        Instant retryAt = now.plus(delay);
        NotificationDeliveryDue due = new NotificationDeliveryDue(
                EventIds.derive(notification.eventId().toString(), EventType.NotificationDeliveryDue.name(),
                        Integer.toString(attempt), Objects.requireNonNull(trigger, "trigger")),
                now, notification.reservationId(), notification.userId(), notification.eventId(), attempt);
        publisher.publish(List.of(OutgoingMessage.of(due, SOURCE, notification.correlationId()).scheduledAt(retryAt)));
        return retryAt;
    }

    private void record(Notification changed, String etag) {
        if (!notifications.replace(changed, etag)) {
            log.info("the webhook delivery of {} changed meanwhile; keeping that and not recording {}",
                    changed.eventId(), changed.webhook());
        }
    }
}
