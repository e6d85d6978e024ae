package dev.flights.platform.inprocess;

import dev.flights.contract.events.EventType;
import dev.flights.platform.correlation.Correlation;
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

    final String name;
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
            TopicSettings settings, int maxDeliveryCount, Clock clock) {
        this.name = name;
        this.filter = Set.copyOf(filter);
        this.deliveries = deliveries;
        this.timers = timers;
        this.settings = settings;
        this.maxDeliveryCount = maxDeliveryCount;
        this.clock = clock;
    }

    /** The subscription's filter: {@code sys.To = '<name>' OR (sys.To IS NULL AND type IN (<filter>))}. */
    boolean admits(OutgoingMessage message) {
        return message.to() != null ? message.to().equals(name) : filter.contains(EventType.valueOf(message.type()));
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

    synchronized void offer(OutgoingMessage message) {
        sessions.computeIfAbsent(message.sessionId(), s -> new ArrayDeque<>())
                .addLast(new ReceivedMessage(message.messageId(), message.sessionId(), message.type(),
                        message.correlationId(), message.body(), 0));
        dispatch(message.sessionId());
    }

    synchronized List<DeadLetter> deadLetters() {
        return List.copyOf(deadLetters.values());
    }

    synchronized NavigableMap<Long, DeadLetter> deadLettersBySequenceNumber() {
        return new TreeMap<>(deadLetters);
    }

    synchronized Optional<DeadLetter> removeDeadLetter(long sequenceNumber) {
        return Optional.ofNullable(deadLetters.remove(sequenceNumber));
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
                start(entry.getKey());
            }
        }
    }

    /**
     * What {@link #dispatch()} does when only this session got a message: every other session is as the last
     * dispatch left it (an idle slot's session has no message, and sessions wait only while every slot is held),
     * so this one is all there is to look at, and a message costs no walk over every slot and session.
     */
    private void dispatch(String session) {
        if (paused || handler == null) {
            return;
        }
        Slot slot = slots.get(session);
        if (slot != null) {
            if (slot.idleTimer != null) {
                slot.idleTimer.cancel(false);
                slot.idleTimer = null;
                start(session);
            }
        } else if (slots.size() < settings.maxConcurrentSessions()) {
            slots.put(session, new Slot());
            start(session);
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
        while (true) {
            ReceivedMessage message;
            InProcessTopic.Handler current;
            synchronized (this) {
                if (paused || handler == null || !hasMessages(session)) {
                    idle(session);
                    return;
                }
                ArrayDeque<ReceivedMessage> queue = sessions.get(session);
                ReceivedMessage head = queue.pollFirst();
                message = new ReceivedMessage(head.messageId(), head.sessionId(), head.type(), head.correlationId(),
                        head.body(), head.deliveryCount() + 1);
                queue.addFirst(message);
                current = handler;
            }
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
        if (failure == null) {
            queue.pollFirst();
        } else if (message.deliveryCount() >= maxDeliveryCount) {
            queue.pollFirst();
            deadLetters.put(++lastDeadLetterNumber, new DeadLetter(name, message, DeadLetter.MAX_DELIVERY_COUNT_EXCEEDED, failure.toString(),
                    clock.instant()));
            log.warn("{}: {} {} dead-lettered after {} deliveries: {}", name, message.type(), message.messageId(),
                    message.deliveryCount(), failure.toString());
        } else {
            log.warn("{}: {} {} failed (delivery {}), abandoned and delivered again: {}", name, message.type(),
                    message.messageId(), message.deliveryCount(), failure.toString());
        }
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
