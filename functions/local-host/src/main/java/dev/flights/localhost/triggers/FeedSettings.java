package dev.flights.localhost.triggers;

import com.microsoft.azure.functions.annotation.CosmosDBTrigger;
import java.time.Duration;

/**
 * How a Cosmos DB trigger reads its feed, from its annotation as the extension (4.x, change feed processor) reads
 * it: {@code feedPollDelay} is the wait after a poll that found the feed drained (while there are changes it reads
 * on at once); {@code maxItemsPerInvocation} caps a batch; {@code startFromBeginning} decides where a new lease
 * starts (false: at "now"). A host cap, when set, shortens every wait for demos and tests; it never lengthens one.
 */
public record FeedSettings(Duration pollDelay, int maxItems, boolean startFromBeginning, Duration delayCap) {

    /** The page when {@code maxItemsPerInvocation} is unset (Azure then lets the service size it; ours all set it). */
    static final int UNSET_MAX_ITEMS = 100;

    /** The change feed processor's poll interval, used when {@code feedPollDelay} is not above 0. */
    static final Duration PROCESSOR_POLL_DELAY = Duration.ofSeconds(5);

    /** @param delayCapMillis 0 for Azure's waits; more shortens every wait to at most that */
    public static FeedSettings of(CosmosDBTrigger trigger, long delayCapMillis) {
        Duration cap = delayCapMillis > 0 ? Duration.ofMillis(delayCapMillis) : null;
        Duration pollDelay = trigger.feedPollDelay() > 0 ? Duration.ofMillis(trigger.feedPollDelay())
                : PROCESSOR_POLL_DELAY;
        int maxItems = trigger.maxItemsPerInvocation() > 0 ? trigger.maxItemsPerInvocation() : UNSET_MAX_ITEMS;
        return new FeedSettings(pollDelay, maxItems, trigger.startFromBeginning(), cap);
    }

    /** The wait after a drained poll, capped by the host. */
    public Duration pollWait() {
        return capped(pollDelay);
    }

    Duration capped(Duration wait) {
        return delayCap != null && wait.compareTo(delayCap) > 0 ? delayCap : wait;
    }
}
