package dev.flights.localhost.triggers;

import com.fasterxml.jackson.databind.JsonNode;
import com.microsoft.azure.functions.ExecutionContext;
import com.microsoft.azure.functions.annotation.CosmosDBTrigger;
import com.microsoft.azure.functions.annotation.ExponentialBackoffRetry;
import com.microsoft.azure.functions.annotation.FixedDelayRetry;
import com.microsoft.azure.functions.annotation.FunctionName;
import dev.flights.contract.codec.EventCodec;
import dev.flights.localhost.discovery.FunctionDefinition;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Cosmos DB–triggered functions with known settings on the notifications container, which record every batch they
 * are handed (the ids, and the feed's poll count at the time) and fail their first {@code failures} invocations.
 */
public class FeedFunctions {

    /** One invocation: the document ids in order, and how many polls the trigger had made by then. */
    record Batch(List<String> ids, long pollsSoFar) {
    }

    final List<Batch> batches = new CopyOnWriteArrayList<>();
    final AtomicInteger failures = new AtomicInteger();
    volatile ChangeFeedTrigger trigger;

    @FunctionName("slowPolls")
    public void slowPolls(@CosmosDBTrigger(name = "changes", databaseName = "db", containerName = "notifications",
            leaseContainerName = "leases", leaseContainerPrefix = "slow-", connection = "c",
            feedPollDelay = 1000, startFromBeginning = true) String changes, ExecutionContext context) {
        record(changes);
    }

    @FunctionName("threeAtATime")
    public void threeAtATime(@CosmosDBTrigger(name = "changes", databaseName = "db", containerName = "notifications",
            leaseContainerName = "leases", leaseContainerPrefix = "three-", connection = "c",
            feedPollDelay = 1000, maxItemsPerInvocation = 3, startFromBeginning = true) String changes,
            ExecutionContext context) {
        record(changes);
    }

    @FunctionName("fromNow")
    public void fromNow(@CosmosDBTrigger(name = "changes", databaseName = "db", containerName = "notifications",
            leaseContainerName = "leases", leaseContainerPrefix = "now-", connection = "c",
            feedPollDelay = 100) String changes, ExecutionContext context) {
        record(changes);
    }

    @FunctionName("defaults")
    public void defaults(@CosmosDBTrigger(name = "changes", databaseName = "db", containerName = "notifications",
            leaseContainerName = "leases", leaseContainerPrefix = "defaults-", connection = "c") String changes,
            ExecutionContext context) {
        record(changes);
    }

    @FunctionName("noRetries")
    public void noRetries(@CosmosDBTrigger(name = "changes", databaseName = "db", containerName = "notifications",
            leaseContainerName = "leases", leaseContainerPrefix = "none-", connection = "c", feedPollDelay = 100,
            maxItemsPerInvocation = 3, startFromBeginning = true) String changes, ExecutionContext context) {
        record(changes);
    }

    @FunctionName("twoFixedRetries")
    @FixedDelayRetry(maxRetryCount = 2, delayInterval = "00:00:00.100")
    public void twoFixedRetries(@CosmosDBTrigger(name = "changes", databaseName = "db",
            containerName = "notifications", leaseContainerName = "leases", leaseContainerPrefix = "fixed-",
            connection = "c", feedPollDelay = 100, maxItemsPerInvocation = 3, startFromBeginning = true)
            String changes, ExecutionContext context) {
        record(changes);
    }

    @FunctionName("retriesForever")
    @ExponentialBackoffRetry(maxRetryCount = -1, minimumInterval = "00:00:00.050", maximumInterval = "00:00:00.200")
    public void retriesForever(@CosmosDBTrigger(name = "changes", databaseName = "db",
            containerName = "notifications", leaseContainerName = "leases", leaseContainerPrefix = "forever-",
            connection = "c", feedPollDelay = 100, maxItemsPerInvocation = 3, startFromBeginning = true)
            String changes, ExecutionContext context) {
        record(changes);
    }

    private void record(String changes) {
        List<String> ids = new ArrayList<>();
        try {
            for (JsonNode doc : EventCodec.json().readTree(changes)) {
                ids.add(doc.path("id").asText());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        batches.add(new Batch(ids, trigger.polls()));
        if (failures.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
            throw new IllegalStateException("failing as told");
        }
    }

    List<List<String>> idsHanded() {
        return batches.stream().map(Batch::ids).toList();
    }

    FunctionDefinition definition(String name) {
        Method method = Arrays.stream(FeedFunctions.class.getMethods())
                .filter(m -> m.isAnnotationPresent(FunctionName.class)
                        && m.getAnnotation(FunctionName.class).value().equals(name))
                .findFirst().orElseThrow();
        return new FunctionDefinition("test", name, FeedFunctions.class, method,
                method.getParameters()[0].getAnnotation(CosmosDBTrigger.class));
    }
}
