package dev.flights.simulation;

import dev.flights.contract.events.EventType;
import dev.flights.contract.topology.Subscriptions;
import dev.flights.localhost.triggers.FunctionInvoker;
import dev.flights.platform.correlation.Correlation;
import dev.flights.platform.inprocess.TopicSettings;
import dev.flights.platform.messaging.EventPublisher;
import dev.flights.platform.messaging.OutgoingMessage;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The {@code reservation-events} topic on the scheduler, with Service Bus semantics: subscriptions filtered by type
 * or addressed by {@code To}; duplicate detection by message id within the window; scheduled messages enqueued at
 * their time on the virtual clock; sessions, one receiver at a time holding a session's lock and taking its messages
 * in order; a failed delivery abandoned and delivered again at once, with its delivery count; the dead-letter queue
 * after the max delivery count. Faults from the seed: the topic down (no sends, no deliveries), a lost session lock
 * (the message is delivered again while the first receiver still works on it), a completion that does not reach
 * the topic (the message comes back after the work was done).
 */
final class SimTopic implements EventPublisher {

    /** A message waiting in a subscription, and how often it has been delivered. */
    private static final class Entry {
        final OutgoingMessage message;
        int deliveries;

        Entry(OutgoingMessage message) {
            this.message = message;
        }
    }

    /** One delivery in progress: the receiver holds the session's lock until it settles or the lock is lost. */
    private static final class Delivery {
        final Entry entry;
        boolean active = true;
        boolean lockLost;

        Delivery(Entry entry) {
            this.entry = entry;
        }
    }

    private final class Subscription {
        final String name;
        final Set<EventType> filter;
        final Map<String, ArrayDeque<Entry>> sessions = new LinkedHashMap<>();
        final Set<String> locked = new HashSet<>();
        final Set<String> kicked = new HashSet<>();
        String app;
        FunctionInvoker invoker;

        Subscription(String name, Set<EventType> filter) {
            this.name = name;
            this.filter = filter;
        }

        boolean admits(OutgoingMessage message) {
            return message.to() != null ? message.to().equals(name)
                    : filter.contains(EventType.valueOf(message.type()));
        }
    }

    /** A message dead-lettered, and why. */
    record DeadLetter(String subscription, String messageId, String type, String sessionId, String reason) {
    }

    private final Subscriptions topology = Subscriptions.load();
    private final Duration duplicateWindow = TopicSettings.defaults().duplicateDetectionWindow();
    private final Map<String, Subscription> subscriptions = new LinkedHashMap<>();
    private Scheduler scheduler;
    private Faults faults;
    private Mutation mutation;
    private Map<String, Instant> seen;
    private List<OutgoingMessage> accepted;
    private List<DeadLetter> deadLetters;
    private int scheduled;

    SimTopic() {
        // by name: the contract's map iterates in an order that differs from one JVM to the next
        new java.util.TreeMap<>(topology.filters()).forEach((name, types) -> subscriptions.put(name,
                new Subscription(name, Set.copyOf(types))));
    }

    String name() {
        return topology.topic();
    }

    void bind(String app, String subscription, FunctionInvoker invoker) {
        Subscription sub = subscriptions.get(subscription);
        if (sub == null) {
            throw new IllegalStateException(invoker.definition().name() + " listens to " + subscription
                    + ", which the contract does not have");
        }
        sub.app = app;
        sub.invoker = invoker;
    }

    void reset(Scheduler runScheduler, Faults runFaults, Mutation runMutation) {
        this.scheduler = runScheduler;
        this.faults = runFaults;
        this.mutation = runMutation;
        this.seen = new HashMap<>();
        this.accepted = new ArrayList<>();
        this.deadLetters = new ArrayList<>();
        this.scheduled = 0;
        subscriptions.values().forEach(sub -> {
            sub.sessions.clear();
            sub.locked.clear();
            sub.kicked.clear();
        });
    }

    @Override
    public void publish(List<OutgoingMessage> messages) {
        Scheduler.yieldPoint();
        if (faults.isTopicDown()) {
            throw new TopicUnavailableException("the topic is unreachable (simulated outage)");
        }
        accept(messages);
    }

    /** A message from outside the apps (a misbehaving sender): no yield, no outage. */
    void inject(OutgoingMessage message) {
        accept(List.of(message));
    }

    private void accept(List<OutgoingMessage> messages) {
        Instant now = scheduler.now();
        // the whole batch is checked before any of it is sent: a batch is sent all or nothing
        for (OutgoingMessage message : messages) {
            EventType.named(message.type()).orElseThrow(
                    () -> new IllegalArgumentException("no event type " + message.type() + " on " + name()));
            if (message.messageId() == null) {
                throw new IllegalArgumentException("a " + message.type() + " message needs a message id");
            }
            if (message.to() != null && !subscriptions.containsKey(message.to())) {
                throw new IllegalArgumentException("a message is addressed to " + message.to() + ", no subscription");
            }
        }
        seen.values().removeIf(at -> at.isBefore(now.minus(duplicateWindow)));
        for (OutgoingMessage message : messages) {
            if (mutation != Mutation.DUPLICATE_DETECTION_OFF && seen.putIfAbsent(message.messageId(), now) != null) {
                scheduler.trace.mix("duplicate dropped " + message.messageId());
                continue;
            }
            accepted.add(message);
            Instant due = message.scheduledEnqueueTime();
            if (due != null && due.isAfter(now)) {
                scheduled++;
                scheduler.at(due, "enqueue scheduled " + describe(message), () -> {
                    scheduled--;
                    enqueue(message);
                });
            } else {
                enqueue(message);
            }
        }
    }

    private void enqueue(OutgoingMessage message) {
        for (Subscription sub : subscriptions.values()) {
            if (sub.admits(message)) {
                sub.sessions.computeIfAbsent(message.sessionId(), s -> new ArrayDeque<>()).addLast(new Entry(message));
                kick(sub, message.sessionId());
            }
        }
    }

    /** A receiver will look at the session soon, unless one holds its lock or is already on its way. */
    private void kick(Subscription sub, String session) {
        ArrayDeque<Entry> queue = sub.sessions.get(session);
        if (queue == null || queue.isEmpty() || sub.locked.contains(session) || !sub.kicked.add(session)) {
            return;
        }
        scheduler.after(Duration.ofMillis(scheduler.random.nextInt(20)), null, () -> deliver(sub, session));
    }

    /** After an outage or a restart: every waiting session gets a receiver again. */
    void kickAll() {
        for (Subscription sub : subscriptions.values()) {
            List.copyOf(sub.sessions.keySet()).forEach(session -> kick(sub, session));
        }
    }

    private void deliver(Subscription sub, String session) {
        sub.kicked.remove(session);
        ArrayDeque<Entry> queue = sub.sessions.get(session);
        if (queue == null || queue.isEmpty() || sub.locked.contains(session)) {
            return;
        }
        if (sub.invoker == null || faults.isTopicDown() || faults.isRestarting(sub.app)) {
            return; // kickAll when the topic or the app is back
        }
        Entry entry = queue.peekFirst();
        entry.deliveries++;
        sub.locked.add(session);
        Delivery delivery = new Delivery(entry);
        OutgoingMessage message = entry.message;
        String label = sub.name + " <- " + describe(message) + " delivery " + entry.deliveries;
        scheduler.spawn(sub.app, label, () -> {
            if (message.correlationId() != null) {
                Correlation.set(message.correlationId());
            }
            try {
                return sub.invoker.invoke(message.body(), metadata(message, entry.deliveries));
            } finally {
                Correlation.clear();
            }
        }, (result, failure) -> settle(sub, session, delivery, failure));
        if (faults.chance(Faults.Kind.LOCK_LOST, Faults.LOCK_LOST)) {
            scheduler.after(Duration.ofMillis(scheduler.random.nextInt(2000)), null, () -> {
                if (delivery.active) {
                    scheduler.trace.record(scheduler.stamp() + " lock lost: " + label);
                    delivery.lockLost = true;
                    sub.locked.remove(session);
                    kick(sub, session);
                }
            });
        }
    }

    private void settle(Subscription sub, String session, Delivery delivery, Throwable failure) {
        delivery.active = false;
        if (delivery.lockLost) {
            return; // the completion or abandon fails: the message was handed to another receiver already
        }
        sub.locked.remove(session);
        ArrayDeque<Entry> queue = sub.sessions.get(session);
        Entry entry = delivery.entry;
        if (queue.peekFirst() != entry) {
            throw new IllegalStateException("session " + session + " of " + sub.name + " settled a message not at its head");
        }
        if (failure == null) {
            if (faults.chance(Faults.Kind.DUPLICATE_DELIVERY, Faults.DUPLICATE_DELIVERY)) {
                scheduler.trace.record(scheduler.stamp() + " completion lost, delivered again: "
                        + describe(entry.message));
            } else {
                queue.pollFirst();
            }
        } else {
            faults.count(Faults.Kind.REDELIVERY);
            if (entry.deliveries >= topology.maxDeliveryCount()) {
                queue.pollFirst();
                deadLetters.add(new DeadLetter(sub.name, entry.message.messageId(), entry.message.type(), session,
                        "MaxDeliveryCountExceeded: " + failure));
                scheduler.trace.record(scheduler.stamp() + " dead-lettered in " + sub.name + ": "
                        + describe(entry.message) + ": " + failure.getClass().getSimpleName());
            }
        }
        if (queue.isEmpty()) {
            sub.sessions.remove(session);
        }
        kick(sub, session);
    }

    private static Map<String, String> metadata(OutgoingMessage message, int deliveryCount) {
        Map<String, String> metadata = new HashMap<>();
        metadata.put("MessageId", message.messageId());
        metadata.put("SessionId", message.sessionId());
        metadata.put("DeliveryCount", Integer.toString(deliveryCount));
        if (message.correlationId() != null) {
            metadata.put("CorrelationId", message.correlationId());
        }
        return metadata;
    }

    private static String describe(OutgoingMessage message) {
        return message.type() + " " + message.messageId() + " of " + message.sessionId()
                + (message.to() == null ? "" : " to " + message.to());
    }

    /** No message waits, none is being delivered, none is scheduled. */
    boolean isIdle() {
        return scheduled == 0 && subscriptions.values().stream()
                .allMatch(sub -> sub.sessions.isEmpty() && sub.locked.isEmpty());
    }

    /** What is still waiting, for a stuck run's report. */
    List<String> waiting() {
        List<String> waiting = new ArrayList<>();
        subscriptions.values().forEach(sub -> sub.sessions.forEach((session, queue) -> queue.forEach(
                entry -> waiting.add(sub.name + ": " + describe(entry.message) + " (" + entry.deliveries
                        + " deliveries)"))));
        if (scheduled > 0) {
            waiting.add(scheduled + " scheduled messages");
        }
        return waiting;
    }

    List<OutgoingMessage> accepted() {
        return List.copyOf(accepted);
    }

    List<DeadLetter> deadLetters() {
        return List.copyOf(deadLetters);
    }

    boolean accepts(String subscription, String type) {
        return subscriptions.get(subscription).filter.contains(EventType.valueOf(type));
    }

    /** Thrown by a send while the topic is down: what a Service Bus client throws for a transient failure. */
    static final class TopicUnavailableException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        TopicUnavailableException(String message) {
            super(message);
        }
    }
}
