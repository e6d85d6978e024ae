package dev.flights.pay.functions;

import com.microsoft.azure.functions.ExecutionContext;
import com.microsoft.azure.functions.annotation.BindingName;
import com.microsoft.azure.functions.annotation.FunctionName;
import com.microsoft.azure.functions.annotation.ServiceBusTopicTrigger;
import dev.flights.contract.events.PaymentRetryDue;
import dev.flights.contract.events.RefundRetryDue;
import dev.flights.contract.events.ReservationCancelled;
import dev.flights.contract.events.ReservationRequested;
import dev.flights.contract.events.SagaEvent;
import dev.flights.pay.application.PayOnReservationRequested;
import dev.flights.pay.application.RefundOnReservationCancelled;
import dev.flights.platform.messaging.DeferringConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Topic: requested and cancelled reservations and pay's own due retries, on the {@code pay} subscription. An unavailable
 * store is pay's circuit's to handle (PaymentDeferred, PAYMENT_PENDING); what escapes it and is transient, a race lost
 * on every try, defers the message ({@link DeferringConsumer}).
 */
@Component
public class PaymentEventFunctions {

    private static final Logger log = LoggerFactory.getLogger(PaymentEventFunctions.class);

    private final DeferringConsumer consumer;
    private final PayOnReservationRequested pay;
    private final RefundOnReservationCancelled refund;

    public PaymentEventFunctions(DeferringConsumer consumer, PayOnReservationRequested pay,
            RefundOnReservationCancelled refund) {
        this.consumer = consumer;
        this.pay = pay;
        this.refund = refund;
    }

    @FunctionName("payOnSagaEvent")
    public void onSagaEvent(
            @ServiceBusTopicTrigger(name = "message", topicName = "reservation-events", subscriptionName = "pay",
                    connection = "ServiceBusConnection", isSessionsEnabled = true) String message,
            @BindingName("MessageId") String messageId, ExecutionContext context) {
        consumer.consume("pay", messageId, message, received -> on(received.event()));
    }

    private void on(SagaEvent event) {
        if (event instanceof ReservationRequested requested) {
            pay.on(requested);
        } else if (event instanceof PaymentRetryDue due) {
            pay.on(due);
        } else if (event instanceof ReservationCancelled cancelled) {
            refund.on(cancelled);
        } else if (event instanceof RefundRetryDue due) {
            refund.on(due);
        } else {
            log.warn("{} {} is not for pay; the pay subscription should have filtered it out", event.type(),
                    event.eventId());
        }
    }
}
