package dev.flights.platform.inprocess;

import dev.flights.platform.messaging.OutgoingMessage;
import java.time.Instant;
import java.util.List;

/**
 * Where the {@link InProcessTopic} records what changes its messages, before it applies the change, so a host that
 * keeps its data can replay them after a restart ({@link TopicState}). Each call is made under the lock that orders
 * the change it records: additions to subscriptions under the topic's, a subscription's deliveries and settlements
 * under that subscription's. When a call throws, the change is not made. {@link #NONE} keeps nothing.
 */
public interface TopicJournal {

    TopicJournal NONE = new TopicJournal() {
    };

    /**
     * The topic accepted these messages (duplicates already dropped) at {@code at}; those due later wait as scheduled
     * messages, the others go to every subscription that admits them.
     */
    default void accepted(List<OutgoingMessage> messages, Instant at) {
    }

    /** A scheduled message became due and went to every subscription that admits it. */
    default void due(String messageId) {
    }

    /** A message was put in one subscription again ({@link InProcessTopic#redeliver}). */
    default void redelivered(String subscription, OutgoingMessage message) {
    }

    /** The first message of a session was locked and handed to the function: its delivery count went up by one. */
    default void deliveryStarted(String subscription, String sessionId) {
    }

    /** The first message of a session was completed and left the subscription. */
    default void completed(String subscription, String sessionId) {
    }

    /** The first message of a session went to the subscription's dead-letter queue under this sequence number. */
    default void deadLettered(String subscription, String sessionId, long sequenceNumber, DeadLetter letter) {
    }

    /** A dead letter was taken out of the dead-letter queue. */
    default void deadLetterRemoved(String subscription, long sequenceNumber) {
    }
}
