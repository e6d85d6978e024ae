package dev.flights.platform.inprocess;

import dev.flights.platform.messaging.ReceivedMessage;
import java.time.Instant;

/** A message a subscription gave up on, with the reason (the last failure) and when. */
public record DeadLetter(String subscription, ReceivedMessage message, String reason, Instant deadLetteredAt) {
}
