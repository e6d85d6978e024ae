package dev.flights.platform.inprocess;

import dev.flights.contract.events.EventType;
import dev.flights.contract.topology.Subscriptions;
import dev.flights.platform.messaging.OutgoingMessage;
import dev.flights.platform.messaging.ReceivedMessage;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The topic's messages as a {@link TopicJournal} recorded them, rebuilt by applying the same calls in the same order:
 * what a restarted host {@link InProcessTopic#restore}s. A subscription's messages are kept by session in order, and
 * each settlement names the session whose first message it settles, as a session is processed in order, one message
 * at a time.
 */
public final class TopicState implements TopicJournal {

    /** One subscription: its messages by session with their delivery counts, its dead letters. */
    static final class Subscription {
        final Map<String, ArrayDeque<ReceivedMessage>> sessions = new LinkedHashMap<>();
        final TreeMap<Long, DeadLetter> deadLetters = new TreeMap<>();
        long lastDeadLetterNumber;

        private ArrayDeque<ReceivedMessage> session(String subscription, String sessionId) {
            ArrayDeque<ReceivedMessage> queue = sessions.get(sessionId);
            if (queue == null || queue.isEmpty()) {
                throw new IllegalStateException("the journal settles a message of session " + sessionId + " in "
                        + subscription + ", which has none: it does not match the messages it recorded");
            }
            return queue;
        }
    }

    private final Map<String, Set<EventType>> filters;
    final Map<String, Instant> seen = new LinkedHashMap<>();
    final Map<String, OutgoingMessage> scheduled = new LinkedHashMap<>();
    final Map<String, Subscription> subscriptions = new LinkedHashMap<>();

    public TopicState(Subscriptions topology) {
        this.filters = topology.filters();
        filters.keySet().forEach(name -> subscriptions.put(name, new Subscription()));
    }

    @Override
    public void accepted(List<OutgoingMessage> messages, Instant at) {
        for (OutgoingMessage message : messages) {
            seen.put(message.messageId(), at);
            Instant due = message.scheduledEnqueueTime();
            if (due != null && due.isAfter(at)) {
                scheduled.put(message.messageId(), message);
            } else {
                fanOut(message);
            }
        }
    }

    @Override
    public void due(String messageId) {
        OutgoingMessage message = scheduled.remove(messageId);
        if (message == null) {
            throw new IllegalStateException("the journal enqueues scheduled message " + messageId
                    + ", which it never scheduled");
        }
        fanOut(message);
    }

    @Override
    public void redelivered(String subscription, OutgoingMessage message) {
        offer(subscription, message);
    }

    @Override
    public void deliveryStarted(String subscription, String sessionId) {
        Subscription kept = subscriptions.get(subscription);
        if (kept != null) {
            ArrayDeque<ReceivedMessage> queue = kept.session(subscription, sessionId);
            ReceivedMessage head = queue.pollFirst();
            queue.addFirst(new ReceivedMessage(head.messageId(), head.sessionId(), head.type(), head.correlationId(),
                    head.body(), head.deliveryCount() + 1));
        }
    }

    @Override
    public void completed(String subscription, String sessionId) {
        Subscription kept = subscriptions.get(subscription);
        if (kept != null) {
            kept.session(subscription, sessionId).pollFirst();
        }
    }

    @Override
    public void deadLettered(String subscription, String sessionId, long sequenceNumber, DeadLetter letter) {
        Subscription kept = subscriptions.get(subscription);
        if (kept != null) {
            kept.session(subscription, sessionId).pollFirst();
            kept.deadLetters.put(sequenceNumber, letter);
            kept.lastDeadLetterNumber = Math.max(kept.lastDeadLetterNumber, sequenceNumber);
        }
    }

    @Override
    public void deadLetterRemoved(String subscription, long sequenceNumber) {
        Subscription kept = subscriptions.get(subscription);
        if (kept != null) {
            kept.deadLetters.remove(sequenceNumber);
        }
    }

    /** Messages waiting or in flight in every subscription. */
    public int messageCount() {
        return subscriptions.values().stream().flatMap(s -> s.sessions.values().stream()).mapToInt(ArrayDeque::size)
                .sum();
    }

    public int scheduledCount() {
        return scheduled.size();
    }

    public int deadLetterCount() {
        return subscriptions.values().stream().mapToInt(s -> s.deadLetters.size()).sum();
    }

    /** A subscription's messages by session, in order (sessions without a message left out). */
    Map<String, List<ReceivedMessage>> messagesBySession(String subscription) {
        Map<String, List<ReceivedMessage>> copy = new LinkedHashMap<>();
        subscriptions.get(subscription).sessions.forEach((session, queue) -> {
            if (!queue.isEmpty()) {
                copy.put(session, List.copyOf(queue));
            }
        });
        return copy;
    }

    Set<String> subscriptionNames() {
        return subscriptions.keySet();
    }

    /** Puts back a subscription's content as a snapshot kept it. */
    Subscription subscription(String name) {
        return subscriptions.get(name);
    }

    private void fanOut(OutgoingMessage message) {
        filters.forEach((name, filter) -> {
            if (SubscriptionQueue.admits(name, filter, message)) {
                offer(name, message);
            }
        });
    }

    private void offer(String subscription, OutgoingMessage message) {
        Subscription kept = subscriptions.get(subscription);
        if (kept != null) {
            kept.sessions.computeIfAbsent(message.sessionId(), s -> new ArrayDeque<>())
                    .addLast(new ReceivedMessage(message.messageId(), message.sessionId(), message.type(),
                            message.correlationId(), message.body(), 0));
        }
    }
}
