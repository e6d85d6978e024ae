package dev.flights.notify.application;

import dev.flights.contract.codec.ReceivedEvent;
import dev.flights.notify.domain.Notification;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * F11: tells the customer of every step. The notification is stored first and sent only when it is new, so a
 * redelivered event is sent to no channel twice; the price is that a crash between storing and sending loses that
 * one message on the channels (the feed still has it).
 */
@Component
public class NotifyOnSagaEvent implements Consumer<ReceivedEvent> {

    private static final Logger log = LoggerFactory.getLogger(NotifyOnSagaEvent.class);

    private final Notifications notifications;
    private final List<NotificationChannel> channels;

    public NotifyOnSagaEvent(Notifications notifications, List<NotificationChannel> channels) {
        this.notifications = notifications;
        this.channels = List.copyOf(channels);
    }

    @Override
    public void accept(ReceivedEvent received) {
        on(received);
    }

    public void on(ReceivedEvent received) {
        Optional<Notification> about = Notification.about(received.event(), received.correlationId());
        if (about.isEmpty()) {
            log.debug("{} {} is nothing to tell the customer", received.event().type(), received.event().eventId());
            return;
        }
        Notification notification = about.get();
        if (!notifications.add(notification)) {
            log.info("{} {} was notified already", notification.type(), notification.eventId());
            return;
        }
        channels.forEach(channel -> send(channel, notification));
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
