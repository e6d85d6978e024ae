package dev.flights.notify.functions;

import com.microsoft.azure.functions.ExecutionContext;
import com.microsoft.azure.functions.annotation.BindingName;
import com.microsoft.azure.functions.annotation.FunctionName;
import com.microsoft.azure.functions.annotation.ServiceBusTopicTrigger;
import dev.flights.contract.codec.ReceivedEvent;
import dev.flights.contract.events.NotificationDeliveryDue;
import dev.flights.notify.application.NotifyOnSagaEvent;
import dev.flights.notify.application.RetryWebhookOnDeliveryDue;
import dev.flights.platform.messaging.DeferringConsumer;
import org.springframework.stereotype.Component;

/**
 * Topic: every customer-facing event, and notify's own webhook retry notes, on the {@code notify} subscription
 * (session per reservation); a transient store failure defers the message ({@link DeferringConsumer}).
 */
@Component
public class NotificationEventFunctions {

    private final DeferringConsumer consumer;
    private final NotifyOnSagaEvent notify;
    private final RetryWebhookOnDeliveryDue retry;

    public NotificationEventFunctions(DeferringConsumer consumer, NotifyOnSagaEvent notify,
            RetryWebhookOnDeliveryDue retry) {
        this.consumer = consumer;
        this.notify = notify;
        this.retry = retry;
    }

    @FunctionName("notifyOnSagaEvent")
    public void onSagaEvent(
            @ServiceBusTopicTrigger(name = "message", topicName = "reservation-events", subscriptionName = "notify",
                    connection = "ServiceBusConnection", isSessionsEnabled = true) String message,
            @BindingName("MessageId") String messageId, ExecutionContext context) {
        consumer.consume("notify", messageId, message, received -> on(received, messageId));
    }

    /** The message id names the webhook retries the reaction schedules; without one, the event id stands in. */
    private void on(ReceivedEvent received, String messageId) {
        String trigger = messageId != null ? messageId : received.event().eventId().toString();
        if (received.event() instanceof NotificationDeliveryDue due) {
            retry.on(due, trigger);
        } else {
            notify.on(received, trigger);
        }
    }
}
