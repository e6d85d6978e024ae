package dev.flights.reserve.functions;

import com.microsoft.azure.functions.ExecutionContext;
import com.microsoft.azure.functions.annotation.BindingName;
import com.microsoft.azure.functions.annotation.FunctionName;
import com.microsoft.azure.functions.annotation.ServiceBusTopicTrigger;
import dev.flights.platform.messaging.DeferringConsumer;
import dev.flights.reserve.application.AdvanceReservationOnSagaEvent;
import org.springframework.stereotype.Component;

/**
 * Topic: payment and ticket events on the {@code reserve} subscription (session per reservation); a transient store
 * failure defers the message ({@link DeferringConsumer}).
 */
@Component
public class ReservationEventFunctions {

    private final DeferringConsumer consumer;
    private final AdvanceReservationOnSagaEvent advance;

    public ReservationEventFunctions(DeferringConsumer consumer, AdvanceReservationOnSagaEvent advance) {
        this.consumer = consumer;
        this.advance = advance;
    }

    @FunctionName("reserveOnSagaEvent")
    public void onSagaEvent(
            @ServiceBusTopicTrigger(name = "message", topicName = "reservation-events", subscriptionName = "reserve",
                    connection = "ServiceBusConnection", isSessionsEnabled = true) String message,
            @BindingName("MessageId") String messageId, ExecutionContext context) {
        consumer.consume("reserve", messageId, message, received -> advance.on(received.event()));
    }
}
