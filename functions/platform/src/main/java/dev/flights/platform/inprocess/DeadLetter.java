package dev.flights.platform.inprocess;

import dev.flights.platform.messaging.ReceivedMessage;
import java.time.Instant;

/**
 * A message a subscription gave up on: the broker's {@code reason} ({@code MaxDeliveryCountExceeded}), the last
 * failure as its {@code description}, and when.
 */
public record DeadLetter(String subscription, ReceivedMessage message, String reason, String description,
        Instant deadLetteredAt) {

    public static final String MAX_DELIVERY_COUNT_EXCEEDED = "MaxDeliveryCountExceeded";
}
