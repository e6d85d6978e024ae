package dev.flights.platform.inprocess;

import dev.flights.contract.events.EventType;
import dev.flights.contract.topology.Subscriptions;
import dev.flights.platform.correlation.Correlation;
import dev.flights.platform.metering.Meter;
import dev.flights.platform.messaging.EventPublisher;
import dev.flights.platform.messaging.OutgoingMessage;
import dev.flights.platform.messaging.ReceivedMessage;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
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
import java.util.concurrent.atomic.AtomicLong;
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
    private final Meter operations = new Meter();
    private final TopicJournal journal;
    private final AtomicLong sent = new AtomicLong();
    private final List<OutgoingMessage> duplicates = Collections.synchronizedList(new ArrayList<>());

    public InProcessTopic(Subscriptions topology, TopicSettings settings, Clock clock) {
        this(topology, settings, clock, TopicJournal.NONE);
    }

    /** @param journal records every change to the messages before it is made ({@link TopicJournal#NONE}: none) */
    public InProcessTopic(Subscriptions topology, TopicSettings settings, Clock clock, TopicJournal journal) {
        this.topology = topology;
        this.journal = journal;
        this.settings = settings;
        this.clock = clock;
        // one thread per slot in use, as many as the sessions being processed at once
        this.deliveries = Executors.newCachedThreadPool(daemon("topic-delivery"));
        this.timers = Executors.newSingleThreadScheduledExecutor(daemon("topic-timers"));
        topology.filters().forEach((name, types) -> subscriptions.put(name, new SubscriptionQueue(name, types,
                deliveries, timers, settings, topology.maxDeliveryCount(), clock, operations, journal)));
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
    public void publish(List<OutgoingMessage> messages) {
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
        long[] billable = messages.stream().mapToLong(m -> billableOperations(m.body())).toArray();
        List<Runnable> deliveriesToStart = new ArrayList<>();
        synchronized (this) {
            accept(messages, billable, deliveriesToStart);
        }
        // started once the topic is let go: a thread may have to be made for a delivery
        deliveriesToStart.forEach(deliveries::execute);
    }

    /** The part of a publish that the topic's lock guards: duplicate detection, the journal, the subscriptions. */
    private void accept(List<OutgoingMessage> messages, long[] billable, List<Runnable> deliveriesToStart) {
        Instant now = clock.instant();
        forgetIdsBefore(now.minus(settings.duplicateDetectionWindow()));
        sent.addAndGet(messages.size());
        List<OutgoingMessage> fresh = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < messages.size(); i++) {
            OutgoingMessage message = messages.get(i);
            Instant due = message.scheduledEnqueueTime();
            boolean later = due != null && due.isAfter(now);
            operations.record(later ? "topic schedule" : "topic send", billable[i]);
            if (seenMessageIds.containsKey(message.messageId()) || !ids.add(message.messageId())) {
                duplicates.add(message);
                log.debug("duplicate {} {} dropped", message.type(), message.messageId());
            } else {
                fresh.add(message);
            }
        }
        if (fresh.isEmpty()) {
            return;
        }
        journal.accepted(fresh, now);
        for (OutgoingMessage message : fresh) {
            seenMessageIds.put(message.messageId(), now);
            seenInOrder.addLast(Map.entry(message.messageId(), now));
            accepted.add(message);
            Instant due = message.scheduledEnqueueTime();
            if (due != null && due.isAfter(now)) {
                schedule(message, Duration.between(now, due));
            } else {
                enqueue(message, deliveriesToStart);
            }
        }
    }

    /**
     * What the topic's clients asked of it, counted as Service Bus bills them ("an operation is any API call"; a
     * message of up to 64 KB sent, received or settled is one operation, a bigger one one per 64 KB started):
     * {@code topic send} and {@code topic schedule} per message (duplicates the topic drops were sent all the same),
     * and per subscription {@code <subscription> accept-session}, {@code receive}, {@code complete},
     * {@code abandon}; {@code <subscription> dead-lettered} is the broker's doing (no client call) and has no
     * operations. Each reading's count is how many times, its amount the billable operations.
     */
    public Meter operations() {
        return operations;
    }

    /** A message's billable operations when sent, received or settled: one per 64 KB started, at least one. */
    static long billableOperations(String body) {
        if (body == null || body.length() <= 65_536 / 3) {
            // at most 3 bytes a char in UTF-8 (4 for a surrogate pair, 2 chars): within the first 64 KB
            return 1;
        }
        long bytes = body.getBytes(StandardCharsets.UTF_8).length;
        return Math.max(1, (bytes + 65_535) / 65_536);
    }

    private void schedule(OutgoingMessage message, Duration wait) {
        scheduled.incrementAndGet();
        timers.schedule(() -> due(message), wait.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void due(OutgoingMessage message) {
        List<Runnable> deliveriesToStart = new ArrayList<>();
        synchronized (this) {
            try {
                journal.due(message.messageId());
            } catch (RuntimeException e) {
                log.error("scheduled {} {} stays scheduled: {}", message.type(), message.messageId(), e.toString());
                scheduled.decrementAndGet();
                return;
            }
            scheduled.decrementAndGet();
            enqueue(message, deliveriesToStart);
        }
        deliveriesToStart.forEach(deliveries::execute);
    }

    /**
     * Takes back what a {@link TopicJournal} kept, before any subscription is attached: the message ids duplicate
     * detection still remembers, the scheduled messages (a message already due goes at once) and every
     * subscription's messages, delivery counts and dead letters. Messages that were locked when the host stopped are
     * delivered again, their delivery count as it was.
     */
    public synchronized void restore(TopicState state) {
        Instant now = clock.instant();
        seenMessageIds.putAll(state.seen);
        state.seen.entrySet().stream().sorted(Map.Entry.comparingByValue())
                .forEach(seen -> seenInOrder.addLast(Map.entry(seen.getKey(), seen.getValue())));
        state.scheduled.values().forEach(message -> schedule(message,
                Duration.between(now, message.scheduledEnqueueTime()).isNegative() ? Duration.ZERO
                        : Duration.between(now, message.scheduledEnqueueTime())));
        state.subscriptions.forEach((name, kept) -> {
            SubscriptionQueue queue = subscriptions.get(name);
            if (queue != null) {
                queue.restore(kept);
            }
        });
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
        SubscriptionQueue queue = queue(subscription);
        List<Runnable> deliveriesToStart = new ArrayList<>();
        synchronized (this) {
            journal.redelivered(subscription, message);
            queue.offer(message, deliveriesToStart);
        }
        deliveriesToStart.forEach(deliveries::execute);
    }

    /** A subscription's messages waiting or in flight, by session, in order. */
    public Map<String, List<ReceivedMessage>> messagesBySession(String subscription) {
        return queue(subscription).messagesBySession();
    }

    /** Every message the topic accepted (duplicates dropped) since it was made, in order; a restored topic starts afresh. */
    public List<OutgoingMessage> acceptedMessages() {
        synchronized (accepted) {
            return List.copyOf(accepted);
        }
    }

    /** How many messages were sent to the topic, duplicates included (each one a send Service Bus bills). */
    public long sentCount() {
        return sent.get();
    }

    /** Every message duplicate detection dropped, in order. */
    public List<OutgoingMessage> droppedDuplicates() {
        synchronized (duplicates) {
            return List.copyOf(duplicates);
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

    /** Offers a message to every subscription that admits it; the deliveries that must start are added to a list. */
    private void enqueue(OutgoingMessage message, List<Runnable> deliveriesToStart) {
        List<String> to = new ArrayList<>();
        for (SubscriptionQueue queue : subscriptions.values()) {
            if (queue.admits(message)) {
                queue.offer(message, deliveriesToStart);
                to.add(queue.name);
            }
        }
        if (!log.isDebugEnabled()) {
            return;
        }
        String previous = MDC.get(Correlation.MDC_KEY);
        MDC.put(Correlation.MDC_KEY, message.correlationId());
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
