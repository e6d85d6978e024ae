package dev.flights.notify.application;

import dev.flights.contract.UserId;
import dev.flights.notify.domain.Notification;
import java.util.List;
import java.util.function.Function;
import org.springframework.stereotype.Component;

/** A customer's latest notifications, newest first. */
@Component
public class ListNotifications implements Function<UserId, List<Notification>> {

    static final int LIMIT = 100;

    private final Notifications notifications;

    public ListNotifications(Notifications notifications) {
        this.notifications = notifications;
    }

    @Override
    public List<Notification> apply(UserId userId) {
        return notifications.newestFirst(userId, LIMIT);
    }
}
