package dev.flights.notify.functions;

import com.microsoft.azure.functions.ExecutionContext;
import com.microsoft.azure.functions.annotation.FunctionName;
import com.microsoft.azure.functions.annotation.ServiceBusTopicTrigger;
import dev.flights.notify.application.NotifyOnSagaEvent;
import dev.flights.platform.messaging.EventConsumption;
import org.springframework.stereotype.Component;

/** Topic: every customer-facing event on the {@code notify} subscription (session per reservation). */
@Component
public class NotificationEventFunctions {

    private final NotifyOnSagaEvent notify;

    public NotificationEventFunctions(NotifyOnSagaEvent notify) {
        this.notify = notify;
    }

    @FunctionName("notifyOnSagaEvent")
    public void onSagaEvent(
            @ServiceBusTopicTrigger(name = "message", topicName = "reservation-events", subscriptionName = "notify",
                    connection = "ServiceBusConnection", isSessionsEnabled = true) String message,
            ExecutionContext context) {
        notify.on(EventConsumption.receive("notify", message));
    }
}
