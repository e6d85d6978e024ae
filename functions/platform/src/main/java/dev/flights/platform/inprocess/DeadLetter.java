package dev.flights.platform.inprocess;

import dev.flights.platform.messaging.ReceivedMessage;
import java.time.Instant;

/**
 * A message a subscription gave up on: Service Bus's {@code DeadLetterReason} (for example
 * {@code MaxDeliveryCountExceeded}) and {@code DeadLetterErrorDescription} (here the last failure, class and
 * message), and when.
 */
public record DeadLetter(String subscription, ReceivedMessage message, String reason, String description,
        Instant deadLetteredAt) {

    public static final String MAX_DELIVERY_COUNT_EXCEEDED = "MaxDeliveryCountExceeded";
}
