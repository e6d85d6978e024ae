package dev.flights.localhost.triggers;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.microsoft.azure.functions.annotation.CosmosDBTrigger;
import dev.flights.contract.codec.EventCodec;
import dev.flights.platform.store.ChangeFeedPage;
import dev.flights.platform.store.DocumentContainer;
import dev.flights.platform.store.DocumentStore;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A Cosmos DB–triggered function fed from a container's change feed as the Azure extension feeds it, with its
 * continuation kept as a lease document in the {@code leases} container. It polls after {@link FeedSettings}'s
 * delay once the feed is drained and reads on at once while there are changes, at most {@code maxItems} per
 * invocation. A batch whose function throws runs again as the function's {@link RetryPolicy} says, and the lease is
 * checkpointed only when the policy is done: after a success, or after the last retry failed, when the batch is
 * lost, as on Azure (logged as an error with the document ids).
 */
public final class ChangeFeedTrigger {

    private static final Logger log = LoggerFactory.getLogger(ChangeFeedTrigger.class);

    private final FunctionInvoker invoker;
    private final DocumentContainer monitored;
    private final DocumentContainer leases;
    private final DocumentContainer probedFeed;
    private final DocumentContainer probedLeases;
    private final String leaseId;
    private final FeedSettings settings;
    private final RetryPolicy retry;
    private final AtomicLong polls = new AtomicLong();
    private final AtomicLong emptyPolls = new AtomicLong();
    private final AtomicInteger largestBatch = new AtomicInteger();
    private volatile ScheduledExecutorService scheduler;
    private volatile boolean paused;
    private volatile boolean busy;
    private volatile ChangeFeedPage pending;
    private int retries;

    /** @param delayCapMillis 0 for the annotation's waits; more shortens every wait (poll and retry) to that */
    public ChangeFeedTrigger(FunctionInvoker invoker, DocumentStore store, long delayCapMillis) {
        this(invoker, store, store, delayCapMillis);
    }

    /**
     * @param probe the store {@link #isCaughtUp()} looks through: the host's own look at the feed, which the
     *     extension does not make on Azure, so that a metered {@code store} counts only what the extension does
     */
    public ChangeFeedTrigger(FunctionInvoker invoker, DocumentStore store, DocumentStore probe, long delayCapMillis) {
        CosmosDBTrigger trigger = (CosmosDBTrigger) invoker.definition().trigger();
        this.invoker = invoker;
        this.monitored = store.container(trigger.containerName());
        this.leases = store.container(trigger.leaseContainerName());
        this.probedFeed = probe.container(trigger.containerName());
        this.probedLeases = probe.container(trigger.leaseContainerName());
        this.leaseId = trigger.leaseContainerPrefix() + trigger.containerName();
        this.settings = FeedSettings.of(trigger, delayCapMillis);
        this.retry = RetryPolicy.of(invoker.definition().method());
    }

    /** Creates the lease when there is none (at the start of the feed, or at "now"), then starts polling. */
    public void start(ScheduledExecutorService executor) {
        if (leases.read(leaseId, leaseId).isEmpty()) {
            writeLease(settings.startFromBeginning() ? null : endOfFeed());
        }
        this.scheduler = executor;
        schedule(Duration.ZERO);
    }

    public void setPaused(boolean value) {
        paused = value;
    }

    public String functionName() {
        return invoker.definition().name();
    }

    /** The container whose change feed this is. */
    public String containerName() {
        return monitored.name();
    }

    public FeedSettings settings() {
        return settings;
    }

    /** How many times the feed was read for a new batch. */
    public long polls() {
        return polls.get();
    }

    /** How many of those reads found no change (an idle feed's polls). */
    public long emptyPolls() {
        return emptyPolls.get();
    }

    /** The most documents handed over in one invocation so far. */
    public int largestBatch() {
        return largestBatch.get();
    }

    /** True when the function has been handed every change so far (or is stopped). */
    public boolean isCaughtUp() {
        if (paused) {
            return true;
        }
        if (busy || pending != null) {
            return false;
        }
        ObjectNode lease = probedLeases.read(leaseId, leaseId).orElse(null);
        return probedFeed.readChanges(lease == null ? null : lease.path("continuation").asText(null), 1)
                .documents().isEmpty();
    }

    private void run() {
        Duration next;
        busy = true;
        try {
            next = step();
        } catch (RuntimeException e) {
            log.warn("{}: the change feed of {} could not be read: {}", functionName(), monitored.name(), e.toString());
            next = settings.pollWait();
        } finally {
            busy = false;
        }
        schedule(next);
    }

    /** Hands over the next batch (or the pending one again); returns how long to wait before the next step. */
    private synchronized Duration step() {
        if (paused) {
            return settings.pollWait();
        }
        if (pending == null) {
            polls.incrementAndGet();
            ChangeFeedPage page = monitored.readChanges(lease(), settings.maxItems());
            if (page.documents().isEmpty()) {
                emptyPolls.incrementAndGet();
                return settings.pollWait();
            }
            pending = page;
            retries = 0;
        }
        try {
            invoke(pending);
        } catch (Exception e) {
            if (retry.allowsRetry(retries)) {
                retries++;
                Duration wait = settings.capped(retry.intervalBefore(retries));
                log.warn("{} failed on {} changes; retry {} in {} ms: {}", functionName(), pending.documents().size(),
                        retries, wait.toMillis(), e.toString());
                return wait;
            }
            log.error("{} failed on documents {} of {} and has no retry left: the lease moves on and these changes are"
                    + " not handed over again", functionName(), ids(pending), monitored.name(), e);
        }
        writeLease(pending.continuation());
        pending = null;
        return Duration.ZERO;
    }

    private void invoke(ChangeFeedPage page) throws Exception {
        largestBatch.accumulateAndGet(page.documents().size(), Math::max);
        ArrayNode changes = EventCodec.json().createArrayNode().addAll(page.documents());
        invoker.invoke(changes.toString(), Map.of());
    }

    private void schedule(Duration wait) {
        ScheduledExecutorService executor = scheduler;
        if (executor == null || executor.isShutdown()) {
            return;
        }
        try {
            executor.schedule(this::run, wait.toMillis(), TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            log.debug("{}: the host is stopping", functionName());
        }
    }

    /** The continuation after the last change written so far: where a lease that starts "now" begins. */
    private String endOfFeed() {
        String continuation = null;
        ChangeFeedPage page;
        do {
            page = monitored.readChanges(continuation, 1000);
            continuation = page.continuation();
        } while (!page.documents().isEmpty());
        return continuation;
    }

    private String lease() {
        ObjectNode lease = leases.read(leaseId, leaseId).orElse(null);
        return lease == null ? null : lease.path("continuation").asText(null);
    }

    private void writeLease(String continuation) {
        leases.upsert(EventCodec.json().createObjectNode().put("id", leaseId).put("continuation", continuation));
    }

    private static String ids(ChangeFeedPage page) {
        return page.documents().stream().map(d -> d.path("id").asText()).toList().toString();
    }
}
