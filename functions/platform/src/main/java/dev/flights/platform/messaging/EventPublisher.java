package dev.flights.platform.messaging;

import java.util.List;

/**
 * Sends to the {@code reservation-events} topic, in list order, in as many atomic batches as the messages need.
 * A message whose id the topic has seen recently is dropped (duplicate detection), so publishing the same messages
 * again after a failure is harmless: when this throws, some leading messages may have been sent already, and the
 * caller retries with the same list. {@link PublishRejectedException} says whether one message or the topic is at
 * fault and retrying will not help; other failures (the topic unreachable or busy) are worth retrying.
 */
public interface EventPublisher {

    void publish(List<OutgoingMessage> messages);
}
