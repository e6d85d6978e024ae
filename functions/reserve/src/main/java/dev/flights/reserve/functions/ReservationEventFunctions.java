package dev.flights.reserve.functions;

import com.microsoft.azure.functions.ExecutionContext;
import com.microsoft.azure.functions.annotation.FunctionName;
import com.microsoft.azure.functions.annotation.ServiceBusTopicTrigger;
import dev.flights.platform.messaging.EventConsumption;
import dev.flights.reserve.application.AdvanceReservationOnSagaEvent;
import org.springframework.stereotype.Component;

/** Topic: payment and ticket events on the {@code reserve} subscription (session per reservation). */
@Component
public class ReservationEventFunctions {

    private final AdvanceReservationOnSagaEvent advance;

    public ReservationEventFunctions(AdvanceReservationOnSagaEvent advance) {
        this.advance = advance;
    }

    @FunctionName("reserveOnSagaEvent")
    public void onSagaEvent(
            @ServiceBusTopicTrigger(name = "message", topicName = "reservation-events", subscriptionName = "reserve",
                    connection = "ServiceBusConnection", isSessionsEnabled = true) String message,
            ExecutionContext context) {
        advance.on(EventConsumption.receive("reserve", message).event());
    }
}
