package dev.flights.platform.inprocess;

import dev.flights.contract.events.EventType;
import dev.flights.platform.correlation.Correlation;
import dev.flights.platform.metering.Meter;
import dev.flights.platform.messaging.OutgoingMessage;
import dev.flights.platform.messaging.ReceivedMessage;
import java.time.Clock;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One session-enabled subscription as one Functions instance processes it. A session is processed in a slot that
 * holds its lock: one message at a time, in order. At most {@code maxConcurrentSessions} slots; a slot whose session
 * has no message left waits {@code sessionIdleTimeout} for the next one before it goes to another session. A message
 * whose handler threw is abandoned and, the slot still holding the session, delivered again at once; after the max
 * delivery count it goes to the dead-letter queue ({@code MaxDeliveryCountExceeded}) and the session goes on.
 */
final class SubscriptionQueue {

    private static final Logger log = LoggerFactory.getLogger(InProcessTopic.class);

    /** A slot holding a session: processing a message, or idle until its timer gives the slot up. */
    private static final class Slot {
        ScheduledFuture<?> idleTimer;
    }

    private final ExecutorService deliveries;
    private final ScheduledExecutorService timers;
    private final TopicSettings settings;
    private final int maxDeliveryCount;
    private final Clock clock;
    private final Meter operations;
    private final TopicJournal journal;

    final String name;
    private final String receiveKey;
    private final String completeKey;
    private final String abandonKey;
    final Set<EventType> filter;
    private final Map<String, ArrayDeque<ReceivedMessage>> sessions = new LinkedHashMap<>();
    private final Map<String, Slot> slots = new HashMap<>();
    /** By sequence number, numbered from 1 as Service Bus numbers an entity's messages. */
    private final NavigableMap<Long, DeadLetter> deadLetters = new TreeMap<>();
    private long lastDeadLetterNumber;
    private InProcessTopic.Handler handler;
    private boolean paused;
    volatile InProcessTopic.DeliveryObserver observer;

    SubscriptionQueue(String name, Set<EventType> filter, ExecutorService deliveries, ScheduledExecutorService timers,
            TopicSettings settings, int maxDeliveryCount, Clock clock, Meter operations, TopicJournal journal) {
        this.name = name;
        this.receiveKey = name + " receive";
        this.completeKey = name + " complete";
        this.abandonKey = name + " abandon";
        this.filter = Set.copyOf(filter);
        this.deliveries = deliveries;
        this.timers = timers;
        this.settings = settings;
        this.maxDeliveryCount = maxDeliveryCount;
        this.clock = clock;
        this.operations = operations;
        this.journal = journal;
    }

    /** The subscription's filter: {@code sys.To = '<name>' OR (sys.To IS NULL AND type IN (<filter>))}. */
    boolean admits(OutgoingMessage message) {
        return admits(name, filter, message);
    }

    static boolean admits(String subscription, Set<EventType> filter, OutgoingMessage message) {
        return message.to() != null ? message.to().equals(subscription)
                : filter.contains(EventType.valueOf(message.type()));
    }

    synchronized void attach(InProcessTopic.Handler newHandler) {
        this.handler = newHandler;
        dispatch();
    }

    synchronized void setPaused(boolean value) {
        paused = value;
        log.info("subscription {} {}", name, value ? "paused" : "resumed");
        if (paused) {
            List.copyOf(slots.keySet()).forEach(session -> {
                Slot slot = slots.get(session);
                if (slot.idleTimer != null) {
                    release(session);
                }
            });
        }
        dispatch();
    }

    /**
     * Adds a message to its session; when a slot takes the session up (or an idle slot holding it wakes), the delivery
     * to start is added to {@code deliveriesToStart}, for the caller to start once it holds no lock (the slot is
     * taken already, so no one else starts it).
     */
    synchronized void offer(OutgoingMessage message, List<Runnable> deliveriesToStart) {
        sessions.computeIfAbsent(message.sessionId(), s -> new ArrayDeque<>())
                .addLast(new ReceivedMessage(message.messageId(), message.sessionId(), message.type(),
                        message.correlationId(), message.body(), 0));
        dispatch(message.sessionId(), deliveriesToStart);
    }

    synchronized List<DeadLetter> deadLetters() {
        return List.copyOf(deadLetters.values());
    }

    synchronized NavigableMap<Long, DeadLetter> deadLettersBySequenceNumber() {
        return new TreeMap<>(deadLetters);
    }

    synchronized Optional<DeadLetter> removeDeadLetter(long sequenceNumber) {
        if (deadLetters.containsKey(sequenceNumber)) {
            journal.deadLetterRemoved(name, sequenceNumber);
        }
        return Optional.ofNullable(deadLetters.remove(sequenceNumber));
    }

    /**
     * Takes back what a {@link TopicJournal} kept, before a handler is attached. A session's first message that was
     * delivered as often as the max delivery count allows had its lock lost with the host that was handling it:
     * Service Bus dead-letters it when that lock expires, and so does this.
     */
    synchronized void restore(TopicState.Subscription kept) {
        kept.sessions.forEach((session, messages) -> {
            if (!messages.isEmpty()) {
                sessions.put(session, new ArrayDeque<>(messages));
            }
        });
        deadLetters.putAll(kept.deadLetters);
        lastDeadLetterNumber = kept.lastDeadLetterNumber;
        for (String session : List.copyOf(sessions.keySet())) {
            ReceivedMessage head = sessions.get(session).peekFirst();
            if (head.deliveryCount() >= maxDeliveryCount) {
                deadLetter(session, head, "the lock on delivery " + head.deliveryCount()
                        + " was lost when the host stopped");
                log.warn("{}: {} {} dead-lettered: its lock on delivery {} was lost when the host stopped", name,
                        head.type(), head.messageId(), head.deliveryCount());
            }
            if (sessions.get(session).isEmpty()) {
                sessions.remove(session);
            }
        }
    }

    /** The messages waiting or in flight, by session, in order. */
    synchronized Map<String, List<ReceivedMessage>> messagesBySession() {
        Map<String, List<ReceivedMessage>> copy = new LinkedHashMap<>();
        sessions.forEach((session, queue) -> {
            if (!queue.isEmpty()) {
                copy.put(session, List.copyOf(queue));
            }
        });
        return copy;
    }

    /** True when no message waits or is being processed; a slot idling on an empty session does not count. */
    synchronized boolean isIdle() {
        if (paused || handler == null) {
            return true;
        }
        return slots.values().stream().allMatch(slot -> slot.idleTimer != null)
                && sessions.values().stream().allMatch(ArrayDeque::isEmpty);
    }

    /** How many sessions hold a slot now, processing or idle. */
    synchronized int sessionsHeld() {
        return slots.size();
    }

    private void dispatch() {
        if (paused || handler == null) {
            return;
        }
        // a new message of a session whose slot idles is handled in that slot, without waiting for a free one
        for (var entry : slots.entrySet()) {
            Slot slot = entry.getValue();
            if (slot.idleTimer != null && hasMessages(entry.getKey())) {
                slot.idleTimer.cancel(false);
                slot.idleTimer = null;
                start(entry.getKey());
            }
        }
        for (var entry : sessions.entrySet()) {
            if (slots.size() >= settings.maxConcurrentSessions()) {
                return;
            }
            if (!entry.getValue().isEmpty() && !slots.containsKey(entry.getKey())) {
                slots.put(entry.getKey(), new Slot());
                operations.record(name + " accept-session", 1);
                start(entry.getKey());
            }
        }
    }

    /**
     * What {@link #dispatch()} does when only this session got a message: every other session is as the last
     * dispatch left it (an idle slot's session has no message, and sessions wait only while every slot is held),
     * so this one is all there is to look at, and a message costs no walk over every slot and session.
     */
    private void dispatch(String session, List<Runnable> deliveriesToStart) {
        if (paused || handler == null) {
            return;
        }
        Slot slot = slots.get(session);
        if (slot != null) {
            if (slot.idleTimer != null) {
                slot.idleTimer.cancel(false);
                slot.idleTimer = null;
                deliveriesToStart.add(() -> process(session));
            }
        } else if (slots.size() < settings.maxConcurrentSessions()) {
            slots.put(session, new Slot());
            operations.record(name + " accept-session", 1);
            deliveriesToStart.add(() -> process(session));
        }
    }

    private void start(String session) {
        deliveries.execute(() -> process(session));
    }

    private boolean hasMessages(String session) {
        ArrayDeque<ReceivedMessage> queue = sessions.get(session);
        return queue != null && !queue.isEmpty();
    }

    /** The slot's receive loop: the session's messages one by one while it has any, then the idle wait. */
    private void process(String session) {
        try {
            receive(session);
        } catch (RuntimeException e) {
            // the journal could not record a delivery or its settlement: the message stays, the session is let go
            log.error("{}: session {} stopped, its next message stays in the subscription: {}", name, session,
                    e.toString());
            synchronized (this) {
                release(session);
            }
        }
    }

    private void receive(String session) {
        while (true) {
            ReceivedMessage message;
            InProcessTopic.Handler current;
            synchronized (this) {
                if (paused || handler == null || !hasMessages(session)) {
                    idle(session);
                    return;
                }
                ArrayDeque<ReceivedMessage> queue = sessions.get(session);
                journal.deliveryStarted(name, session);
                ReceivedMessage head = queue.pollFirst();
                message = new ReceivedMessage(head.messageId(), head.sessionId(), head.type(), head.correlationId(),
                        head.body(), head.deliveryCount() + 1);
                queue.addFirst(message);
                current = handler;
            }
            operations.record(receiveKey, InProcessTopic.billableOperations(message.body()));
            InProcessTopic.DeliveryObserver watching = observer;
            if (watching != null) {
                watching.started(name, message);
            }
            Throwable failure = deliver(current, message);
            if (watching != null) {
                watching.finished(name, message, failure);
            }
            synchronized (this) {
                settle(session, message, failure);
            }
        }
    }

    private static Throwable deliver(InProcessTopic.Handler handler, ReceivedMessage message) {
        if (message.correlationId() != null) {
            Correlation.set(message.correlationId());
        }
        try {
            handler.handle(message);
            return null;
        } catch (Exception | Error e) {
            // an Error (a crashed invocation) abandons the message like an exception; the session must not
            // stay locked forever with its head never settled
            return e;
        } finally {
            Correlation.clear();
        }
    }

    private void settle(String session, ReceivedMessage message, Throwable failure) {
        ArrayDeque<ReceivedMessage> queue = sessions.get(session);
        operations.record(failure == null ? completeKey : abandonKey,
                InProcessTopic.billableOperations(message.body()));
        if (failure == null) {
            journal.completed(name, session);
            queue.pollFirst();
        } else if (message.deliveryCount() >= maxDeliveryCount) {
            deadLetter(session, message, failure.toString());
            log.warn("{}: {} {} dead-lettered after {} deliveries: {}", name, message.type(), message.messageId(),
                    message.deliveryCount(), failure.toString());
        } else {
            log.warn("{}: {} {} failed (delivery {}), abandoned and delivered again: {}", name, message.type(),
                    message.messageId(), message.deliveryCount(), failure.toString());
        }
    }

    private void deadLetter(String session, ReceivedMessage message, String description) {
        DeadLetter letter = new DeadLetter(name, message, DeadLetter.MAX_DELIVERY_COUNT_EXCEEDED, description,
                clock.instant());
        journal.deadLettered(name, session, lastDeadLetterNumber + 1, letter);
        sessions.get(session).pollFirst();
        deadLetters.put(++lastDeadLetterNumber, letter);
        operations.record(name + " dead-lettered", 0);
    }

    private void idle(String session) {
        Slot slot = slots.get(session);
        if (paused || handler == null) {
            release(session);
            dispatch();
            return;
        }
        slot.idleTimer = timers.schedule(() -> idleTimedOut(session, slot), settings.sessionIdleTimeout().toMillis(),
                TimeUnit.MILLISECONDS);
    }

    private synchronized void idleTimedOut(String session, Slot slot) {
        if (slots.get(session) == slot && slot.idleTimer != null) {
            release(session);
            dispatch();
        }
    }

    private void release(String session) {
        Slot slot = slots.remove(session);
        if (slot != null && slot.idleTimer != null) {
            slot.idleTimer.cancel(false);
        }
        if (!hasMessages(session)) {
            sessions.remove(session);
        }
    }
}
