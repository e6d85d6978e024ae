package dev.flights.platform.messaging;

import java.util.List;

/**
 * Sends to the {@code reservation-events} topic. A batch is sent all or nothing. A message whose id the topic
 * has seen recently is dropped (duplicate detection), so publishing the same event again is harmless.
 */
public interface EventPublisher {

    void publish(List<OutgoingMessage> messages);
}
