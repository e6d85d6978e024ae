package dev.flights.simulation;

import java.time.Instant;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;

/**
 * The faults of one run, all drawn from the seed: windows (an app's store down, the topic down, the webhook receiver
 * down, an app restarting) and per-step chances (a crash before or after a write, a duplicate delivery, a lost
 * session lock, a change-feed rewind). Faults happen only while {@link #active}; the run then heals and settles.
 */
final class Faults {

    enum Kind {
        CRASH_BEFORE_WRITE, CRASH_AFTER_WRITE, DUPLICATE_DELIVERY, LOCK_LOST, REDELIVERY, STORE_OUTAGE, TOPIC_OUTAGE,
        WEBHOOK_DOWN, FEED_REWIND, RESTART, POISON, DUPLICATE_REQUEST
    }

    static final double CRASH_BEFORE_WRITE = 0.01;
    static final double CRASH_AFTER_WRITE = 0.01;
    static final double DUPLICATE_DELIVERY = 0.03;
    static final double LOCK_LOST = 0.02;
    static final double FEED_REWIND = 0.02;
    static final double DUPLICATE_REQUEST = 0.1;

    private final Scheduler scheduler;
    private final Map<Kind, Integer> counts = new EnumMap<>(Kind.class);
    private final Map<String, Instant> storeDownUntil = new HashMap<>();
    private final Map<String, Instant> restartingUntil = new HashMap<>();
    private Instant topicDownUntil = Instant.MIN;
    private Instant webhookDownUntil = Instant.MIN;
    boolean active = true;
    /** What the death of an app's process takes with it (set by the run). */
    java.util.function.Consumer<String> processDied = app -> { };

    Faults(Scheduler scheduler) {
        this.scheduler = scheduler;
    }

    /** True with probability {@code p} while faults are on; counts the fault when it happens. */
    boolean chance(Kind kind, double p) {
        if (!active || scheduler.random.nextDouble() >= p) {
            return false;
        }
        count(kind);
        return true;
    }

    void count(Kind kind) {
        counts.merge(kind, 1, Integer::sum);
    }

    Map<Kind, Integer> counts() {
        return new EnumMap<>(counts);
    }

    void storeDown(String app, Instant until) {
        storeDownUntil.merge(app, until, (a, b) -> a.isAfter(b) ? a : b);
        count(Kind.STORE_OUTAGE);
    }

    boolean isStoreDown(String app) {
        return scheduler.now().isBefore(storeDownUntil.getOrDefault(app, Instant.MIN));
    }

    void topicDown(Instant until) {
        topicDownUntil = until.isAfter(topicDownUntil) ? until : topicDownUntil;
        count(Kind.TOPIC_OUTAGE);
    }

    boolean isTopicDown() {
        return scheduler.now().isBefore(topicDownUntil);
    }

    void webhookDown(Instant until) {
        webhookDownUntil = until.isAfter(webhookDownUntil) ? until : webhookDownUntil;
        count(Kind.WEBHOOK_DOWN);
    }

    boolean isWebhookDown() {
        return scheduler.now().isBefore(webhookDownUntil);
    }

    void restarting(String app, Instant until) {
        restartingUntil.put(app, until);
        count(Kind.RESTART);
    }

    boolean isRestarting(String app) {
        return scheduler.now().isBefore(restartingUntil.getOrDefault(app, Instant.MIN));
    }
}
