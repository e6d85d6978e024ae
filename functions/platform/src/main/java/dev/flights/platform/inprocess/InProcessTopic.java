package dev.flights.platform.inprocess;

import dev.flights.contract.events.EventType;
import dev.flights.contract.topology.Subscriptions;
import dev.flights.platform.correlation.Correlation;
import dev.flights.platform.messaging.EventPublisher;
import dev.flights.platform.messaging.OutgoingMessage;
import dev.flights.platform.messaging.ReceivedMessage;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * The {@code reservation-events} topic in process, with Service Bus semantics: subscriptions filtered on the
 * {@code type} property (or addressed by {@code To}), duplicate detection on the message id, sessions processed as
 * one Functions instance does under host.json's settings (see {@link TopicSettings}), at-least-once delivery with
 * immediate redelivery after a failure, a max delivery count and a dead-letter queue per subscription, and scheduled
 * messages.
 */
public final class InProcessTopic implements EventPublisher, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(InProcessTopic.class);

    /** What a subscriber does with a message; throwing abandons it, so it is delivered again. */
    @FunctionalInterface
    public interface Handler {
        void handle(ReceivedMessage message) throws Exception;
    }

    /** Sees each delivery begin and end: how a test watches session locks and redelivery on a running host. */
    public interface DeliveryObserver {
        void started(String subscription, ReceivedMessage message);

        void finished(String subscription, ReceivedMessage message, Throwable failure);
    }

    private final Subscriptions topology;
    private final TopicSettings settings;
    private final Clock clock;
    private final ExecutorService deliveries;
    private final ScheduledExecutorService timers;
    private final Map<String, SubscriptionQueue> subscriptions = new LinkedHashMap<>();
    /** Duplicate detection: the ids sent within the window, and the same in the order they came (guarded by this). */
    private final Map<String, Instant> seenMessageIds = new HashMap<>();
    private final ArrayDeque<Map.Entry<String, Instant>> seenInOrder = new ArrayDeque<>();
    private final List<OutgoingMessage> accepted = Collections.synchronizedList(new ArrayList<>());
    private final AtomicInteger scheduled = new AtomicInteger();

    public InProcessTopic(Subscriptions topology, TopicSettings settings, Clock clock) {
        this.topology = topology;
        this.settings = settings;
        this.clock = clock;
        // one thread per slot in use, as many as the sessions being processed at once
        this.deliveries = Executors.newCachedThreadPool(daemon("topic-delivery"));
        this.timers = Executors.newSingleThreadScheduledExecutor(daemon("topic-timers"));
        topology.filters().forEach((name, types) -> subscriptions.put(name, new SubscriptionQueue(name, types,
                deliveries, timers, settings, topology.maxDeliveryCount(), clock)));
    }

    public static InProcessTopic fromContract() {
        return new InProcessTopic(Subscriptions.load(), TopicSettings.defaults(), Clock.systemUTC());
    }

    public String name() {
        return topology.topic();
    }

    /** The session settings in force (host.json's, on the local host). */
    public TopicSettings settings() {
        return settings;
    }

    @Override
    public synchronized void publish(List<OutgoingMessage> messages) {
        Instant now = clock.instant();
        forgetIdsBefore(now.minus(settings.duplicateDetectionWindow()));
        // the whole batch is checked before any of it is sent: a batch is sent all or nothing
        for (OutgoingMessage message : messages) {
            EventType.named(message.type()).orElseThrow(
                    () -> new IllegalArgumentException("no event type " + message.type() + " on " + name()));
            if (message.messageId() == null) {
                throw new IllegalArgumentException("a " + message.type() + " message needs a message id");
            }
            if (message.to() != null && !subscriptions.containsKey(message.to())) {
                throw new IllegalArgumentException("a " + message.type() + " message is addressed to "
                        + message.to() + ", which is no subscription of " + name());
            }
        }
        for (OutgoingMessage message : messages) {
            if (seenMessageIds.putIfAbsent(message.messageId(), now) != null) {
                log.debug("duplicate {} {} dropped", message.type(), message.messageId());
                continue;
            }
            seenInOrder.addLast(Map.entry(message.messageId(), now));
            accepted.add(message);
            Instant due = message.scheduledEnqueueTime();
            if (due != null && due.isAfter(now)) {
                scheduled.incrementAndGet();
                timers.schedule(() -> {
                    scheduled.decrementAndGet();
                    enqueue(message);
                }, Duration.between(now, due).toMillis(), TimeUnit.MILLISECONDS);
            } else {
                enqueue(message);
            }
        }
    }

    /**
     * Ends duplicate detection for the ids sent before {@code oldest}: from the front of the ids in the order they
     * came, so a publish costs the ids that leave the window, not all the ids in it.
     */
    private void forgetIdsBefore(Instant oldest) {
        while (!seenInOrder.isEmpty() && seenInOrder.peekFirst().getValue().isBefore(oldest)) {
            Map.Entry<String, Instant> seen = seenInOrder.pollFirst();
            seenMessageIds.remove(seen.getKey(), seen.getValue());
        }
    }

    /** Starts delivering a subscription's messages to {@code handler}. */
    public void subscribe(String subscription, Handler handler) {
        queue(subscription).attach(handler);
    }

    public void observeDeliveries(DeliveryObserver observer) {
        subscriptions.values().forEach(queue -> queue.observer = observer);
    }

    /** Stops delivering (the consuming app is down); messages wait in the subscription. */
    public void pause(String subscription) {
        queue(subscription).setPaused(true);
    }

    public void resume(String subscription) {
        queue(subscription).setPaused(false);
    }

    public List<DeadLetter> deadLetters(String subscription) {
        return queue(subscription).deadLetters();
    }

    /** The subscription's dead letters by their sequence number in its dead-letter queue. */
    public NavigableMap<Long, DeadLetter> deadLettersBySequenceNumber(String subscription) {
        return queue(subscription).deadLettersBySequenceNumber();
    }

    /** Takes a dead letter out of the subscription's dead-letter queue (completes it); empty if it is not there. */
    public Optional<DeadLetter> removeDeadLetter(String subscription, long sequenceNumber) {
        return queue(subscription).removeDeadLetter(sequenceNumber);
    }

    /**
     * Delivers a message to one subscription again, past duplicate detection: what Service Bus does when a
     * consumer's lock expires after it did the work. Consumers must not change anything twice.
     */
    public void redeliver(String subscription, OutgoingMessage message) {
        queue(subscription).offer(message);
    }

    /** Every message the topic accepted (duplicates dropped), in order. */
    public List<OutgoingMessage> acceptedMessages() {
        synchronized (accepted) {
            return List.copyOf(accepted);
        }
    }

    public Set<String> subscriptionNames() {
        return subscriptions.keySet();
    }

    public boolean accepts(String subscription, String type) {
        return EventType.named(type).map(queue(subscription).filter::contains).orElse(false);
    }

    /** True when no message waits or is in flight in a running subscription (scheduled ones aside). */
    public boolean isIdle() {
        return subscriptions.values().stream().allMatch(SubscriptionQueue::isIdle);
    }

    public int scheduledCount() {
        return scheduled.get();
    }

    @Override
    public void close() {
        timers.shutdownNow();
        deliveries.shutdownNow();
    }

    private static ThreadFactory daemon(String name) {
        return runnable -> {
            Thread thread = new Thread(runnable, name);
            thread.setDaemon(true);
            return thread;
        };
    }

    private void enqueue(OutgoingMessage message) {
        String previous = MDC.get(Correlation.MDC_KEY);
        MDC.put(Correlation.MDC_KEY, message.correlationId());
        List<String> to = new ArrayList<>();
        for (SubscriptionQueue queue : subscriptions.values()) {
            if (queue.admits(message)) {
                queue.offer(message);
                to.add(queue.name);
            }
        }
        log.debug("{} {} of reservation {} -> {}", message.type(), message.messageId(), message.sessionId(), to);
        if (previous == null) {
            MDC.remove(Correlation.MDC_KEY);
        } else {
            MDC.put(Correlation.MDC_KEY, previous);
        }
    }

    private SubscriptionQueue queue(String subscription) {
        SubscriptionQueue queue = subscriptions.get(subscription);
        if (queue == null) {
            throw new IllegalArgumentException("no subscription " + subscription + " on " + name());
        }
        return queue;
    }
}
