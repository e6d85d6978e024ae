package dev.flights.notify.adapter;

import dev.flights.notify.application.NotificationChannel;
import dev.flights.notify.domain.Notification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/** The notification as a log line (Application Insights on Azure), whether or not a webhook is set. */
@Component
public class LogChannel implements NotificationChannel {

    private static final Logger log = LoggerFactory.getLogger(LogChannel.class);

    @Override
    public void send(Notification notification) {
        log.info("notify {}: {}", notification.userId(), notification.message());
    }
}
