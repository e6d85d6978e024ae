package dev.flights.ticket.functions;

import com.microsoft.azure.functions.ExecutionContext;
import com.microsoft.azure.functions.annotation.BindingName;
import com.microsoft.azure.functions.annotation.FunctionName;
import com.microsoft.azure.functions.annotation.ServiceBusTopicTrigger;
import dev.flights.contract.events.ReservationCancelled;
import dev.flights.contract.events.ReservationConfirmed;
import dev.flights.contract.events.SagaEvent;
import dev.flights.platform.messaging.DeferringConsumer;
import dev.flights.ticket.application.IssueTicketOnReservationConfirmed;
import dev.flights.ticket.application.VoidTicketOnReservationCancelled;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Topic: ReservationConfirmed and ReservationCancelled on the {@code issue-ticket} subscription (session per
 * reservation); a transient store failure defers the message ({@link DeferringConsumer}).
 */
@Component
public class TicketEventFunctions {

    private static final Logger log = LoggerFactory.getLogger(TicketEventFunctions.class);

    private final DeferringConsumer consumer;
    private final IssueTicketOnReservationConfirmed issueTicket;
    private final VoidTicketOnReservationCancelled voidTicket;

    public TicketEventFunctions(DeferringConsumer consumer, IssueTicketOnReservationConfirmed issueTicket,
            VoidTicketOnReservationCancelled voidTicket) {
        this.consumer = consumer;
        this.issueTicket = issueTicket;
        this.voidTicket = voidTicket;
    }

    @FunctionName("issueTicketOnSagaEvent")
    public void onSagaEvent(
            @ServiceBusTopicTrigger(name = "message", topicName = "reservation-events",
                    subscriptionName = "issue-ticket", connection = "ServiceBusConnection",
                    isSessionsEnabled = true) String message,
            @BindingName("MessageId") String messageId, ExecutionContext context) {
        consumer.consume("issue-ticket", messageId, message, received -> on(received.event()));
    }

    private void on(SagaEvent event) {
        if (event instanceof ReservationConfirmed confirmed) {
            issueTicket.on(confirmed);
        } else if (event instanceof ReservationCancelled cancelled) {
            voidTicket.on(cancelled);
        } else {
            log.warn("{} {} is not for issue-ticket; the subscription filter should have kept it out",
                    event.type(), event.eventId());
        }
    }
}
