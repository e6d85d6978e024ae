package dev.flights.platform.deadletters;

import java.time.Instant;

/**
 * One dead letter as an operator sees it. {@code sequenceNumber} is the broker's number of the message in the
 * dead-letter queue, the key to resubmit it by; {@code sessionId} is the reservation id; {@code reason} is the
 * broker's ({@code MaxDeliveryCountExceeded}) and {@code description} the last failure.
 */
public record DeadLetteredMessage(long sequenceNumber, String messageId, String sessionId, String type,
        String correlationId, String reason, String description, long deliveryCount, Instant enqueuedAt,
        String body) {
}
