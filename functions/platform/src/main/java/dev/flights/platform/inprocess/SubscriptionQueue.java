package dev.flights.platform.inprocess;

import dev.flights.contract.events.EventType;
import dev.flights.platform.correlation.Correlation;
import dev.flights.platform.messaging.OutgoingMessage;
import dev.flights.platform.messaging.ReceivedMessage;
import java.time.Clock;
import java.util.ArrayDeque;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One subscription of the in-process topic: its type filter, a queue per session with at most one message of a
 * session in flight, redelivery with backoff after a failure, and a dead-letter queue after the max delivery count.
 */
final class SubscriptionQueue {

    private static final Logger log = LoggerFactory.getLogger(InProcessTopic.class);

    private final ScheduledExecutorService executor;
    private final TopicSettings settings;
    private final int maxDeliveryCount;
    private final Clock clock;

    final String name;
    final Set<EventType> filter;
    private final Map<String, ArrayDeque<ReceivedMessage>> sessions = new LinkedHashMap<>();
    private final Set<String> busySessions = new HashSet<>();
    /** By sequence number, numbered from 1 as Service Bus numbers an entity's messages. */
    private final NavigableMap<Long, DeadLetter> deadLetters = new TreeMap<>();
    private long lastDeadLetterNumber;
    private InProcessTopic.Handler handler;
    private boolean paused;

    SubscriptionQueue(String name, Set<EventType> filter, ScheduledExecutorService executor, TopicSettings settings,
            int maxDeliveryCount, Clock clock) {
        this.name = name;
        this.filter = Set.copyOf(filter);
        this.executor = executor;
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
        dispatch();
    }

    synchronized void offer(OutgoingMessage message) {
        sessions.computeIfAbsent(message.sessionId(), s -> new ArrayDeque<>())
                .addLast(new ReceivedMessage(message.messageId(), message.sessionId(), message.type(),
                        message.correlationId(), message.body(), 0));
        dispatch();
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

    synchronized boolean isIdle() {
        if (paused || handler == null) {
            return true;
        }
        return busySessions.isEmpty() && sessions.values().stream().allMatch(ArrayDeque::isEmpty);
    }

    private void dispatch() {
        if (paused || handler == null) {
            return;
        }
        for (var entry : sessions.entrySet()) {
            if (!entry.getValue().isEmpty() && busySessions.add(entry.getKey())) {
                String session = entry.getKey();
                executor.execute(() -> deliverNext(session));
            }
        }
    }

    /** Delivers the head of a session; the session stays locked until it succeeds or is dead-lettered. */
    private void deliverNext(String session) {
        ReceivedMessage message;
        InProcessTopic.Handler current;
        synchronized (this) {
            ArrayDeque<ReceivedMessage> queue = sessions.get(session);
            if (paused || handler == null || queue == null || queue.isEmpty()) {
                busySessions.remove(session);
                if (queue != null && queue.isEmpty()) {
                    sessions.remove(session);
                }
                return;
            }
            ReceivedMessage head = queue.pollFirst();
            message = new ReceivedMessage(head.messageId(), head.sessionId(), head.type(), head.correlationId(),
                    head.body(), head.deliveryCount() + 1);
            queue.addFirst(message);
            current = handler;
        }
        Throwable failure = null;
        if (message.correlationId() != null) {
            Correlation.set(message.correlationId());
        }
        try {
            current.handle(message);
        } catch (Exception | Error e) {
            // an Error (a crashed invocation) abandons the message like an exception; the session must not
            // stay locked forever with its head never settled
            failure = e;
        } finally {
            Correlation.clear();
        }
        synchronized (this) {
            ArrayDeque<ReceivedMessage> queue = sessions.get(session);
            if (failure == null) {
                queue.pollFirst();
            } else if (message.deliveryCount() >= maxDeliveryCount) {
                queue.pollFirst();
                String description = failure.getClass().getSimpleName() + ": " + failure.getMessage();
                deadLetters.put(++lastDeadLetterNumber, new DeadLetter(name, message,
                        DeadLetter.MAX_DELIVERY_COUNT_EXCEEDED, description, clock.instant()));
                log.warn("{}: {} {} dead-lettered after {} deliveries: {}", name, message.type(),
                        message.messageId(), message.deliveryCount(), description);
            } else {
                log.warn("{}: {} {} failed (delivery {}), will be delivered again: {}", name, message.type(),
                        message.messageId(), message.deliveryCount(), failure.toString());
                long delay = settings.backoffAfter(message.deliveryCount()).toMillis();
                executor.schedule(() -> deliverNext(session), delay, TimeUnit.MILLISECONDS);
                return;
            }
        }
        executor.execute(() -> deliverNext(session));
    }
}
