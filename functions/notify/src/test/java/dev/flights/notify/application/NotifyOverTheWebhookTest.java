package dev.flights.notify.application;

import static dev.flights.notify.SagaEvents.NOON;
import static dev.flights.notify.SagaEvents.aReservation;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import dev.flights.contract.UserId;
import dev.flights.contract.codec.ReceivedEvent;
import dev.flights.contract.events.NotificationDeliveryDue;
import dev.flights.contract.events.SagaEvent;
import dev.flights.notify.RecordingTopic;
import dev.flights.notify.SagaEvents;
import dev.flights.notify.WebhookReceiver;
import dev.flights.notify.adapter.NotificationDocuments;
import dev.flights.notify.adapter.WebhookChannel;
import dev.flights.notify.domain.DeliveryStatus;
import dev.flights.notify.domain.Language;
import dev.flights.notify.domain.Notification;
import dev.flights.notify.domain.WebhookDelivery;
import dev.flights.platform.inprocess.InMemoryDocumentStore;
import dev.flights.platform.messaging.OutgoingMessage;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** N5 through a real receiver on a local port; retries are delivered by the test from the recorded topic. */
class NotifyOverTheWebhookTest {

    private final WebhookReceiver receiver = WebhookReceiver.start();
    private final Notifications notifications = new NotificationDocuments(new InMemoryDocumentStore());
    private final RecordingTopic topic = new RecordingTopic();
    private final SagaEvents reservation = aReservation().by("ew");
    private NotifyOnSagaEvent notify;
    private RetryWebhookOnDeliveryDue retry;

    NotifyOverTheWebhookTest() throws Exception {
        wire(Duration.ofSeconds(5), 8);
    }

    @AfterEach
    void stopTheReceiver() {
        receiver.close();
    }

    @Test
    void sendsANewNotificationOnceAndMarksItSent() {
        notify.on(received(reservation.confirmed()));

        assertThat(receiver.delivered()).isEqualTo(1);
        assertThat(webhookOf(reservation.confirmed())).isEqualTo(new WebhookDelivery(DeliveryStatus.SENT, 1));
        assertThat(topic.messages()).isEmpty();
    }

    @Test
    void deliversOnceAndLateToAReceiverThatFailsThenRecoversAndNeverAgainAfterwards() {
        receiver.answering(500, 500);
        SagaEvent approved = reservation.paymentApproved(100, 50);

        notify.on(received(approved));
        assertThat(webhookOf(approved)).isEqualTo(new WebhookDelivery(DeliveryStatus.PENDING, 1));
        deliverTheLastScheduledRetry();
        deliverTheLastScheduledRetry();

        assertThat(receiver.requests()).hasSize(3);
        assertThat(receiver.delivered()).isEqualTo(1);
        assertThat(receiver.requests()).extracting(r -> r.header("X-Event-Id")).containsOnly(approved.eventId()
                .toString());
        assertThat(webhookOf(approved)).isEqualTo(new WebhookDelivery(DeliveryStatus.SENT, 3));
        assertThat(topic.messages()).extracting(OutgoingMessage::scheduledEnqueueTime)
                .containsExactly(NOON.plusSeconds(10), NOON.plusSeconds(20));
        assertThat(topic.received()).extracting(r -> ((NotificationDeliveryDue) r.event()).attempt())
                .containsExactly(2, 3);

        notify.on(received(approved));
        topic.received().forEach(due -> retry.on((NotificationDeliveryDue) due.event()));

        assertThat(receiver.requests()).hasSize(3);
        assertThat(topic.messages()).hasSize(2);
    }

    @Test
    void givesUpAfterTheLastAttemptAndMarksTheDeliveryFailed() {
        wire(Duration.ofSeconds(5), 3);
        receiver.answering(500, 500, 500, 500);
        SagaEvent cancelled = reservation.cancelled();

        notify.on(received(cancelled));
        deliverTheLastScheduledRetry();
        deliverTheLastScheduledRetry();

        assertThat(receiver.requests()).hasSize(3);
        assertThat(webhookOf(cancelled)).isEqualTo(new WebhookDelivery(DeliveryStatus.FAILED, 3));
        assertThat(topic.messages()).hasSize(2);

        notify.on(received(cancelled));
        topic.received().forEach(due -> retry.on((NotificationDeliveryDue) due.event()));

        assertThat(receiver.requests()).hasSize(3);
    }

    @Test
    void returnsFromASlowReceiverWithTheDeliveryPendingAndARetryScheduled() {
        wire(Duration.ofMillis(200), 8);
        receiver.answeringAfter(Duration.ofSeconds(30));
        SagaEvent issued = reservation.ticketIssued("TK-0123456789");

        assertThatCode(() -> notify.on(received(issued))).doesNotThrowAnyException();

        assertThat(webhookOf(issued)).isEqualTo(new WebhookDelivery(DeliveryStatus.PENDING, 1));
        assertThat(topic.received()).singleElement().satisfies(due -> assertThat(due.event())
                .isInstanceOfSatisfying(NotificationDeliveryDue.class, d -> {
                    assertThat(d.notificationEventId()).isEqualTo(issued.eventId());
                    assertThat(d.attempt()).isEqualTo(2);
                }));
        assertThat(notifications.newestFirst(new UserId("ew"), 10)).hasSize(1);
    }

    @Test
    void sendsARedeliveredEventWhoseNotificationWasStoredButNotSentBeforeACrash() {
        SagaEvent requested = reservation.requested();
        Notification storedBeforeTheCrash = Notification.about(requested, "corr-1").orElseThrow()
                .withWebhook(WebhookDelivery.pending());
        notifications.add(storedBeforeTheCrash);

        notify.on(received(requested));
        notify.on(received(requested));

        assertThat(receiver.delivered()).isEqualTo(1);
        assertThat(webhookOf(requested)).isEqualTo(new WebhookDelivery(DeliveryStatus.SENT, 1));
    }

    @Test
    void aRetryThatALaterSendOvertookSendsNothing() {
        receiver.answering(500);
        SagaEvent confirmed = reservation.confirmed();
        notify.on(received(confirmed));
        NotificationDeliveryDue scheduled = (NotificationDeliveryDue) topic.last().event();

        notify.on(received(confirmed)); // redelivered while the retry waits: sent again, and taken
        retry.on(scheduled);

        assertThat(receiver.requests()).hasSize(2);
        assertThat(receiver.delivered()).isEqualTo(1);
        assertThat(webhookOf(confirmed).status()).isEqualTo(DeliveryStatus.SENT);
    }

    @Test
    void tellsNothingToTheWebhookOfAnEventTheCustomerIsNotToldAbout() {
        notify.on(received(reservation.paymentRetryDue()));

        assertThat(receiver.requests()).isEmpty();
        assertThat(topic.messages()).isEmpty();
    }

    private void wire(Duration timeout, int maxAttempts) {
        WebhookSettings settings = new WebhookSettings(receiver.url(), "test-only-secret", Language.EN, timeout,
                new WebhookSettings.Retry(Duration.ofSeconds(10), Duration.ofMinutes(10), maxAttempts));
        WebhookDeliveries deliveries = new WebhookDeliveries(Optional.of(new WebhookChannel(settings, Clock.fixed(NOON, ZoneOffset.UTC))),
                notifications, topic, settings, Clock.fixed(NOON, ZoneOffset.UTC));
        notify = new NotifyOnSagaEvent(notifications, List.of(), deliveries);
        retry = new RetryWebhookOnDeliveryDue(notifications, deliveries);
    }

    private void deliverTheLastScheduledRetry() {
        retry.on((NotificationDeliveryDue) topic.last().event());
    }

    private WebhookDelivery webhookOf(SagaEvent event) {
        return notifications.find(event.userId(), event.eventId()).orElseThrow().value().webhook();
    }

    private static ReceivedEvent received(SagaEvent event) {
        return new ReceivedEvent(event, "/apps/test", "corr-1");
    }
}
