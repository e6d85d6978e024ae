package dev.flights.localhost;

import dev.flights.platform.inprocess.FaultInjectingDocumentStore;
import dev.flights.platform.store.DocumentStore;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
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

    FaultInjectingDocumentStore requireApp(String app) {
        FaultInjectingDocumentStore appStore = appStores.get(app);
        if (appStore == null) {
            throw new IllegalArgumentException("no app named " + app);
        }
        return appStore;
    }
}
