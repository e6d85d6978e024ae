package dev.flights.localhost.triggers;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.microsoft.azure.functions.annotation.CosmosDBTrigger;
import dev.flights.contract.codec.EventCodec;
import dev.flights.platform.store.ChangeFeedPage;
import dev.flights.platform.store.DocumentContainer;
import dev.flights.platform.store.DocumentStore;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A Cosmos DB–triggered function fed from a container's change feed, with its continuation kept as a lease document
 * in the {@code leases} container. The lease moves on only after the function succeeded: a failing batch is handed
 * over again after a pause, so no change is lost.
 */
public final class ChangeFeedTrigger {

    private static final Logger log = LoggerFactory.getLogger(ChangeFeedTrigger.class);
    private static final int MAX_ITEMS = 100;

    private final FunctionInvoker invoker;
    private final DocumentContainer monitored;
    private final DocumentContainer leases;
    private final String leaseId;
    private volatile boolean paused;
    private volatile boolean polling;
    private int failures;

    public ChangeFeedTrigger(FunctionInvoker invoker, DocumentStore store) {
        CosmosDBTrigger trigger = (CosmosDBTrigger) invoker.definition().trigger();
        this.invoker = invoker;
        this.monitored = store.container(trigger.containerName());
        this.leases = store.container(trigger.leaseContainerName());
        this.leaseId = trigger.leaseContainerPrefix() + trigger.containerName();
    }

    public void start(ScheduledExecutorService scheduler, long pollMillis) {
        scheduler.scheduleWithFixedDelay(this::poll, 0, pollMillis, TimeUnit.MILLISECONDS);
    }

    public void setPaused(boolean value) {
        paused = value;
    }

    /** True when the function has been handed every change so far (or is stopped). */
    public boolean isCaughtUp() {
        if (paused) {
            return true;
        }
        if (polling) {
            return false;
        }
        String continuation = lease().map(l -> l.path("continuation").asText(null)).orElse(null);
        return !polling && monitored.readChanges(continuation, 1).documents().isEmpty();
    }

    public String functionName() {
        return invoker.definition().name();
    }

    synchronized void poll() {
        if (paused) {
            return;
        }
        polling = true;
        try {
            handNextPage();
        } finally {
            polling = false;
        }
    }

    private void handNextPage() {
        String continuation = lease().map(l -> l.path("continuation").asText(null)).orElse(null);
        ChangeFeedPage page = monitored.readChanges(continuation, MAX_ITEMS);
        if (page.documents().isEmpty()) {
            return;
        }
        ArrayNode changes = EventCodec.json().createArrayNode().addAll(page.documents());
        try {
            invoker.invoke(changes.toString(), Map.of());
            failures = 0;
            ObjectNode lease = EventCodec.json().createObjectNode()
                    .put("id", leaseId).put("continuation", page.continuation());
            leases.upsert(lease);
        } catch (Exception e) {
            failures++;
            log.warn("{} failed on {} changes (attempt {}), the same changes come again: {}", functionName(),
                    page.documents().size(), failures, e.toString());
            sleepQuietly(Math.min(50L << Math.min(failures, 6), 2000));
        }
    }

    private Optional<ObjectNode> lease() {
        return leases.read(leaseId, leaseId);
    }

    private static void sleepQuietly(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
