package dev.flights.localhost;

import dev.flights.platform.inprocess.FaultInjectingDocumentStore;
import dev.flights.platform.outbox.OutboxWriter;
import dev.flights.platform.store.DocumentStore;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The outages an operator or a test switches by hand: each app sees the shared store through its own
 * {@link FaultInjectingDocumentStore}, so one app's Cosmos DB can fail while the others' works, and an app can be
 * stopped altogether (its routes, subscription and change feeds, which the runtime wires to
 * {@link #onAvailabilityChange}).
 */
final class Faults {

    /** What stopping or starting an app does to its triggers. */
    interface AvailabilityListener {
        void availabilityChanged(String app, boolean available);
    }

    private static final Logger log = LoggerFactory.getLogger(Faults.class);

    private final Function<String, DocumentStore> storeOfApp;
    private final Map<String, FaultInjectingDocumentStore> appStores = new LinkedHashMap<>();
    private final Set<String> unavailable = ConcurrentHashMap.newKeySet();
    private final Map<String, AtomicInteger> crashesAfterCommit = new ConcurrentHashMap<>();
    private AvailabilityListener onAvailabilityChange = (app, available) -> { };

    /** @param storeOfApp the store as each app sees it when healthy (the shared one, metered per app) */
    Faults(Function<String, DocumentStore> storeOfApp) {
        this.storeOfApp = storeOfApp;
    }

    /** The store as {@code app} sees it. */
    FaultInjectingDocumentStore storeFor(String app) {
        return appStores.computeIfAbsent(app, a -> new FaultInjectingDocumentStore(storeOfApp.apply(a)));
    }

    void onAvailabilityChange(AvailabilityListener listener) {
        this.onAvailabilityChange = listener;
    }

    boolean isAvailable(String app) {
        return !unavailable.contains(app);
    }

    void setAvailable(String app, boolean available) {
        requireApp(app);
        if (available) {
            unavailable.remove(app);
        } else {
            unavailable.add(app);
        }
        onAvailabilityChange.availabilityChanged(app, available);
        log.warn("{} is now {}", app, available ? "available" : "UNAVAILABLE");
    }

    void setFailing(String app, boolean failing) {
        requireApp(app).setFailing(failing);
        log.warn("{}'s store is now {}", app, failing ? "FAILING (503 on every call)" : "healthy");
    }

    /**
     * The hook between {@code app}'s outbox commits and their direct publish: while crashes are armed, each commit
     * with outbox documents throws {@link SimulatedCrash} there, as if the process died after the commit: nothing is
     * published or marked, and the invocation fails (a message is delivered again, as after a lost lock).
     */
    OutboxWriter.AfterCommit afterCommitOf(String app) {
        AtomicInteger armed = crashesAfterCommit.computeIfAbsent(app, a -> new AtomicInteger());
        return (container, outboxDocuments) -> {
            if (armed.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
                log.warn("{} CRASHES after committing {} outbox document(s) to {}, before publishing them", app,
                        outboxDocuments.size(), container);
                throw new SimulatedCrash(app + " died between the commit and the direct publish");
            }
        };
    }

    /** Arms {@code count} crashes between a commit and its direct publish in {@code app} (see {@link #afterCommitOf}). */
    void crashAfterCommit(String app, int count) {
        requireApp(app);
        crashesAfterCommit.computeIfAbsent(app, a -> new AtomicInteger()).set(count);
    }

    /** How many of the crashes armed for {@code app} have not happened yet. */
    int crashesArmed(String app) {
        AtomicInteger armed = crashesAfterCommit.get(app);
        return armed == null ? 0 : armed.get();
    }

    /** The simulated death of a process between an outbox commit and its publish. */
    static final class SimulatedCrash extends RuntimeException {
        SimulatedCrash(String message) {
            super(message);
        }
    }

    FaultInjectingDocumentStore requireApp(String app) {
        FaultInjectingDocumentStore appStore = appStores.get(app);
        if (appStore == null) {
            throw new IllegalArgumentException("no app named " + app);
        }
        return appStore;
    }
}
