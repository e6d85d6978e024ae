package dev.flights.notify.application;

import static dev.flights.notify.SagaEvents.NOON;
import static dev.flights.notify.SagaEvents.aReservation;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.flights.contract.UserId;
import dev.flights.contract.codec.EventCodec;
import dev.flights.contract.codec.ReceivedEvent;
import dev.flights.contract.events.NotificationDeliveryDue;
import dev.flights.contract.events.SagaEvent;
import dev.flights.notify.RecordingTopic;
import dev.flights.notify.WebhookReceiver;
import dev.flights.notify.adapter.NotificationDocuments;
import dev.flights.notify.adapter.WebhookChannel;
import dev.flights.notify.domain.DeliveryStatus;
import dev.flights.notify.domain.Language;
import dev.flights.notify.domain.Notification;
import dev.flights.notify.domain.WebhookDelivery;
import dev.flights.platform.inprocess.InMemoryDocumentStore;
import dev.flights.platform.messaging.OutgoingMessage;
import dev.flights.platform.store.StoreUnavailableException;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * N5 when recording a failed webhook send fails (the store down after the retry was scheduled) and the messages then
 * come back in an awkward order. The test plays the subscription: it hands each message over with its message id,
 * and drops a message under an id the topic took before, as Service Bus duplicate detection does. Whatever the
 * order, the receiver gets the notification exactly once and the delivery ends SENT, never stuck PENDING.
 */
class WebhookRetryOrderingsTest {

    private static final String EVENT_MESSAGE = "event-message-1";

    private final WebhookReceiver receiver = WebhookReceiver.start();
    private final StoreGoingDown notifications =
            new StoreGoingDown(new NotificationDocuments(new InMemoryDocumentStore()));
    private final RecordingTopic topic = new RecordingTopic();
    private final Set<String> takenIds = new HashSet<>();
    private int handedOver;
    private final SagaEvent cancelled = aReservation().by("ew").cancelled();
    private final NotifyOnSagaEvent notify;
    private final RetryWebhookOnDeliveryDue retry;

    WebhookRetryOrderingsTest() throws Exception {
        WebhookSettings settings = new WebhookSettings(receiver.url(), "test-only-secret", Language.EN,
                Duration.ofSeconds(5), new WebhookSettings.Retry(Duration.ofSeconds(10), Duration.ofMinutes(10), 8));
        Clock clock = Clock.fixed(NOON, ZoneOffset.UTC);
        WebhookDeliveries deliveries = new WebhookDeliveries(Optional.of(new WebhookChannel(settings, clock)),
                notifications, topic, settings, clock);
        notify = new NotifyOnSagaEvent(notifications, List.of(), deliveries);
        retry = new RetryWebhookOnDeliveryDue(notifications, deliveries);
    }

    @AfterEach
    void stopTheReceiver() {
        receiver.close();
    }

    /** The order the simulation found (seed 284): the event's deferred copy comes back after its early retry. */
    @Test
    void aRetryThatComesBeforeTheDeferredEventMakesTheNextSendAndNothingIsLeftPending() {
        receiver.answering(500, 500, 500);
        failedSendWhoseRecordingFails();

        NotificationDeliveryDue early = handOverTheNextRetry().orElseThrow();
        assertThat(early.attempt()).isEqualTo(2);
        notify.on(received(cancelled), EVENT_MESSAGE + ":notify:retry-1"); // the deferred copy, under its own id
        handOverEveryRetryLeft();

        assertThat(receiver.requests()).hasSize(4);
        assertThat(receiver.delivered()).isEqualTo(1);
        assertThat(webhookOf(cancelled).status()).isEqualTo(DeliveryStatus.SENT);
    }

    /**
     * The event redelivered under the same message id after its retry came (a crash, and the message's lock ran out
     * later than the retry's delay): its retry gets the same id as the first, which duplicate detection drops.
     */
    @Test
    void aRetryThatComesBeforeTheRedeliveredEventKeepsTheDeliveryGoingThoughTheEventsRetryIsDropped() {
        receiver.answering(500, 500, 500);
        failedSendWhoseRecordingFails();

        handOverTheNextRetry().orElseThrow();
        notify.on(received(cancelled), EVENT_MESSAGE);
        handOverEveryRetryLeft();

        assertThat(receiver.requests()).hasSize(4);
        assertThat(receiver.delivered()).isEqualTo(1);
        assertThat(webhookOf(cancelled).status()).isEqualTo(DeliveryStatus.SENT);
    }

    /** The usual order: the event comes back at once, its retry later; the retry it schedules again is dropped. */
    @Test
    void anEventRedeliveredBeforeItsRetryMakesTheSameAttemptAgainAndTheRetryTheNext() {
        receiver.answering(500, 500);
        failedSendWhoseRecordingFails();

        notify.on(received(cancelled), EVENT_MESSAGE);
        assertThat(webhookOf(cancelled)).isEqualTo(new WebhookDelivery(DeliveryStatus.PENDING, 1));
        handOverEveryRetryLeft();

        assertThat(topic.messages()).as("the same retry scheduled twice, the second dropped")
                .extracting(OutgoingMessage::messageId).hasSize(2).containsOnly(topic.messages().get(0).messageId());
        assertThat(receiver.requests()).hasSize(3);
        assertThat(receiver.delivered()).isEqualTo(1);
        assertThat(webhookOf(cancelled)).isEqualTo(new WebhookDelivery(DeliveryStatus.SENT, 2));
    }

    @Test
    void aRetryDeliveredTwiceSendsOnce() {
        receiver.answering(500);
        notify.on(received(cancelled), EVENT_MESSAGE);
        OutgoingMessage scheduled = topic.messages().get(0);

        handOver(scheduled);
        handOver(scheduled);

        assertThat(receiver.requests()).hasSize(2);
        assertThat(receiver.delivered()).isEqualTo(1);
        assertThat(webhookOf(cancelled)).isEqualTo(new WebhookDelivery(DeliveryStatus.SENT, 2));
    }

    /** Send 1 fails, its retry is scheduled, and recording the failure finds the store down: the event throws. */
    private void failedSendWhoseRecordingFails() {
        notifications.failNextReplace();
        assertThatThrownBy(() -> notify.on(received(cancelled), EVENT_MESSAGE))
                .isInstanceOf(StoreUnavailableException.class);
        assertThat(webhookOf(cancelled)).isEqualTo(new WebhookDelivery(DeliveryStatus.PENDING, 0));
        assertThat(receiver.requests()).hasSize(1);
    }

    /** The next retry the topic took (not dropped as a duplicate), handed over to notify. */
    private Optional<NotificationDeliveryDue> handOverTheNextRetry() {
        List<OutgoingMessage> all = topic.messages();
        while (handedOver < all.size()) {
            OutgoingMessage message = all.get(handedOver++);
            if (takenIds.add(message.messageId())) {
                return Optional.of(handOver(message));
            }
        }
        return Optional.empty();
    }

    private void handOverEveryRetryLeft() {
        int limit = 20;
        while (handOverTheNextRetry().isPresent()) {
            assertThat(--limit).as("retries keep coming").isPositive();
        }
    }

    private NotificationDeliveryDue handOver(OutgoingMessage message) {
        NotificationDeliveryDue due = (NotificationDeliveryDue) EventCodec.decode(message.body()).event();
        retry.on(due, message.messageId());
        return due;
    }

    private WebhookDelivery webhookOf(SagaEvent event) {
        return notifications.find(event.userId(), event.eventId()).orElseThrow().value().webhook();
    }

    private static ReceivedEvent received(SagaEvent event) {
        return new ReceivedEvent(event, "/apps/test", "corr-1");
    }

    /** The notifications, with a store that can be made to fail the next replace, as Cosmos does when it is down. */
    private static final class StoreGoingDown implements Notifications {

        private final Notifications stored;
        private boolean failNextReplace;

        StoreGoingDown(Notifications stored) {
            this.stored = stored;
        }

        void failNextReplace() {
            failNextReplace = true;
        }

        @Override
        public Optional<Found> add(Notification notification) {
            return stored.add(notification);
        }

        @Override
        public Optional<Found> find(UserId userId, UUID eventId) {
            return stored.find(userId, eventId);
        }

        @Override
        public boolean replace(Notification changed, String etag) {
            if (failNextReplace) {
                failNextReplace = false;
                throw new StoreUnavailableException("the store is down (test)");
            }
            return stored.replace(changed, etag);
        }

        @Override
        public List<Notification> newestFirst(UserId userId, int limit) {
            return stored.newestFirst(userId, limit);
        }
    }
}
