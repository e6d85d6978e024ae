package dev.flights.notify.application;

import static dev.flights.notify.SagaEvents.NOON;
import static dev.flights.notify.SagaEvents.aReservation;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.doThrow;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;

import dev.flights.contract.UserId;
import dev.flights.contract.codec.ReceivedEvent;
import dev.flights.contract.events.SagaEvent;
import dev.flights.notify.RecordingTopic;
import dev.flights.notify.SagaEvents;
import dev.flights.notify.adapter.NotificationDocuments;
import dev.flights.notify.domain.Notification;
import dev.flights.notify.domain.WebhookDelivery;
import dev.flights.platform.inprocess.InMemoryDocumentStore;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;

class NotifyOnSagaEventTest {

    private final Notifications notifications = new NotificationDocuments(new InMemoryDocumentStore());
    private final NotificationChannel chat = mock(NotificationChannel.class);
    private final NotificationChannel messenger = mock(NotificationChannel.class);
    private final NotifyOnSagaEvent notify = new NotifyOnSagaEvent(notifications, List.of(chat, messenger),
            new WebhookDeliveries(Optional.empty(), notifications, new RecordingTopic(), WebhookSettings.off(),
                    Clock.systemUTC()));
    private final ListNotifications list = new ListNotifications(notifications);
    private final SagaEvents reservation = aReservation().by("ew");

    @Test
    void storesTheNotificationAndSendsItToEveryChannel() {
        notify.on(received(reservation.paymentApproved(100, 50)));

        ArgumentCaptor<Notification> sent = ArgumentCaptor.forClass(Notification.class);
        verify(chat).send(sent.capture());
        verify(messenger).send(sent.getValue());
        assertThat(sent.getValue().message()).startsWith("Payment of 100 approved");
        assertThat(list.apply(new UserId("ew"))).containsExactly(sent.getValue());
        assertThat(sent.getValue().webhook()).isEqualTo(WebhookDelivery.OFF);
    }

    @Test
    void sendsARedeliveredEventToNoChannelTwiceAndKeepsOneNotification() {
        notify.on(received(reservation.confirmed()));
        notify.on(received(reservation.confirmed()));

        verify(chat, times(1)).send(any());
        verify(messenger, times(1)).send(any());
        assertThat(list.apply(new UserId("ew"))).hasSize(1);
    }

    @Test
    void keepsGoingWhenAChannelFailsAndStillServesTheOthers() {
        doThrow(new IllegalStateException("webhook answered 500")).when(chat).send(any());

        assertThatCode(() -> notify.on(received(reservation.cancelled()))).doesNotThrowAnyException();

        verify(messenger).send(any());
        assertThat(list.apply(new UserId("ew"))).hasSize(1);
    }

    @Test
    void storesAndSendsNothingForAnEventTheCustomerIsNotToldAbout() {
        notify.on(received(reservation.paymentRetryDue()));

        verify(chat, never()).send(any());
        assertThat(list.apply(new UserId("ew"))).isEmpty();
    }

    @Test
    void listsACustomersNotificationsNewestFirstEvenWithinOneSecond() {
        SagaEvents other = aReservation().by("ew");
        notify.on(received(reservation.at(NOON).requested()));
        notify.on(received(other.at(NOON.plusMillis(500)).requested()));
        notify.on(received(reservation.at(NOON.plusSeconds(1)).confirmed()));

        assertThat(list.apply(new UserId("ew"))).extracting(Notification::occurredAt)
                .containsExactly(NOON.plusSeconds(1), NOON.plusMillis(500), NOON);
    }

    @Test
    void listsAtMostTheHundredNewestNotifications() {
        IntStream.range(0, 101).forEach(i -> notify.on(received(aReservation().by("ew").at(NOON.plusSeconds(i))
                .confirmed())));

        List<Notification> listed = list.apply(new UserId("ew"));

        assertThat(listed).hasSize(100);
        assertThat(listed.get(99).occurredAt()).isEqualTo(NOON.plusSeconds(1));
    }

    @Test
    void showsACustomerOnlyTheirOwnNotifications() {
        notify.on(received(reservation.confirmed()));
        notify.on(received(aReservation().by("someone-else").confirmed()));

        assertThat(list.apply(new UserId("ew"))).extracting(Notification::reservationId)
                .containsExactly(reservation.id());
    }

    private static ReceivedEvent received(SagaEvent event) {
        return new ReceivedEvent(event, "/apps/test", "corr-1");
    }
}
