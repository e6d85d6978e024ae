package dev.flights.simulation;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.microsoft.azure.functions.annotation.CosmosDBTrigger;
import dev.flights.contract.codec.EventCodec;
import dev.flights.localhost.triggers.FeedSettings;
import dev.flights.localhost.triggers.FunctionInvoker;
import dev.flights.localhost.triggers.RetryPolicy;
import dev.flights.platform.store.ChangeFeedPage;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A Cosmos DB–triggered function fed from its container's change feed on the scheduler, as the extension feeds it
 * (the local host's {@code ChangeFeedTrigger} on the virtual clock): a poll after {@code feedPollDelay} once drained,
 * at most {@code maxItemsPerInvocation} per batch, a failed batch handed over again as the function's retry policy
 * says, the lease moved on only when the policy is done. The lease's positions are kept, so the seed can rewind it
 * (the lease lost or reset: the function reads changes it has already seen).
 */
final class SimFeed {

    private final FunctionInvoker invoker;
    private final String app;
    private final String container;
    private final FeedSettings settings;
    private final RetryPolicy retry;
    private Scheduler scheduler;
    private SimStore store;
    private Faults faults;
    private String lease;
    private final List<String> positions = new ArrayList<>();
    private ChangeFeedPage pending;
    private boolean busy;
    private int retries;
    private long batches;
    private int lost;

    SimFeed(String app, FunctionInvoker invoker) {
        CosmosDBTrigger trigger = (CosmosDBTrigger) invoker.definition().trigger();
        this.invoker = invoker;
        this.app = app;
        this.container = trigger.containerName();
        this.settings = FeedSettings.of(trigger, 0);
        this.retry = RetryPolicy.of(invoker.definition().method());
    }

    String name() {
        return invoker.definition().name();
    }

    void start(Scheduler runScheduler, SimStore runStore, Faults runFaults) {
        this.scheduler = runScheduler;
        this.store = runStore;
        this.faults = runFaults;
        this.lease = null; // every run starts with empty containers: the beginning and "now" are the same place
        this.positions.clear();
        this.pending = null;
        this.busy = false;
        this.retries = 0;
        this.batches = 0;
        this.lost = 0;
        scheduler.after(Duration.ofMillis(scheduler.random.nextInt(1000)), null, this::poll);
    }

    private void poll() {
        if (faults.isRestarting(app)) {
            scheduler.after(settings.pollWait(), null, this::poll);
            return;
        }
        if (pending == null) {
            if (!positions.isEmpty() && faults.chance(Faults.Kind.FEED_REWIND, Faults.FEED_REWIND)) {
                lease = positions.get(scheduler.random.nextInt(positions.size()));
                scheduler.trace.record(scheduler.stamp() + " lease of " + name() + " rewound to " + lease);
            }
            ChangeFeedPage page = store.backing(container).readChanges(lease, settings.maxItems());
            if (page.documents().isEmpty()) {
                scheduler.after(settings.pollWait(), null, this::poll);
                return;
            }
            pending = page;
            retries = 0;
        }
        ChangeFeedPage page = pending;
        busy = true;
        batches++;
        ArrayNode changes = EventCodec.json().createArrayNode().addAll(page.documents());
        scheduler.spawn(app, name() + " on " + page.documents().size() + " changes of " + container + " up to "
                + page.continuation(), () -> invoker.invoke(changes.toString(), Map.of()),
                (result, failure) -> done(page, failure));
    }

    private void done(ChangeFeedPage page, Throwable failure) {
        busy = false;
        if (failure != null && retry.allowsRetry(retries)) {
            retries++;
            scheduler.after(retry.intervalBefore(retries), null, this::poll);
            return;
        }
        if (failure != null) {
            lost++;
            scheduler.trace.record(scheduler.stamp() + " " + name() + " has no retry left: batch lost");
        }
        positions.add(lease == null ? "0" : lease);
        lease = page.continuation();
        pending = null;
        scheduler.after(Duration.ZERO, null, this::poll);
    }

    /** True when the function has been handed every change so far. */
    boolean isCaughtUp() {
        return !busy && pending == null && store.backing(container).readChanges(lease, 1).documents().isEmpty();
    }

    long batches() {
        return batches;
    }

    /** Batches the function failed on with no retry left (the lease moved on): the extension loses them too. */
    int lost() {
        return lost;
    }
}
