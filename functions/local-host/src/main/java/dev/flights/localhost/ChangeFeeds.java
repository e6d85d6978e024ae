package dev.flights.localhost;

import dev.flights.localhost.triggers.ChangeFeedTrigger;
import dev.flights.localhost.triggers.FunctionInvoker;
import dev.flights.platform.metering.Meter;
import dev.flights.platform.metering.MeteredDocumentStore;
import dev.flights.platform.store.DocumentStore;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

/**
 * The Cosmos DB side of the host: every change-feed–triggered function, polled on two daemon threads, grouped by app
 * so an outage pauses an app's feeds (its leases keep its place, as on Azure).
 */
final class ChangeFeeds implements AutoCloseable {

    private final DocumentStore store;
    private final Meter storeRequests;
    private final long delayCapMillis;
    private final Map<String, List<ChangeFeedTrigger>> feedsByApp = new LinkedHashMap<>();
    private final ScheduledExecutorService scheduler = Executors.newScheduledThreadPool(2, r -> {
        Thread thread = new Thread(r, "change-feed");
        thread.setDaemon(true);
        return thread;
    });

    /**
     * @param storeRequests where the triggers' own requests (feed reads, leases) are counted, as
     *     {@code <app>/trigger}
     */
    ChangeFeeds(DocumentStore store, Meter storeRequests, long delayCapMillis) {
        this.store = store;
        this.storeRequests = storeRequests;
        this.delayCapMillis = delayCapMillis;
    }

    void bind(String app, FunctionInvoker invoker) {
        feedsByApp.computeIfAbsent(app, a -> new ArrayList<>()).add(new ChangeFeedTrigger(invoker,
                new MeteredDocumentStore(store, app + "/trigger", storeRequests), store, delayCapMillis));
    }

    void start() {
        all().forEach(feed -> feed.start(scheduler));
    }

    void setPaused(String app, boolean paused) {
        feedsByApp.getOrDefault(app, List.of()).forEach(feed -> feed.setPaused(paused));
    }

    List<ChangeFeedTrigger> all() {
        return feedsByApp.values().stream().flatMap(List::stream).toList();
    }

    boolean caughtUp() {
        return all().stream().allMatch(ChangeFeedTrigger::isCaughtUp);
    }

    /** The containers whose change feeds trigger a function. */
    List<String> containers() {
        return all().stream().map(ChangeFeedTrigger::containerName).distinct().toList();
    }

    @Override
    public void close() {
        scheduler.shutdownNow();
    }
}
