package dev.flights.localhost.triggers;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flights.contract.codec.EventCodec;
import dev.flights.platform.inprocess.InMemoryDocumentStore;
import dev.flights.platform.metering.Meter;
import dev.flights.platform.metering.MeteredDocumentStore;
import dev.flights.platform.store.DocumentContainer;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The local host's Cosmos DB trigger against functions whose annotations give known settings, on an in-process
 * container: what Azure's trigger does with feedPollDelay, maxItemsPerInvocation, startFromBeginning and the retry
 * policy. Timings are checked as generous lower bounds or by counting polls, never as tight windows.
 */
class ChangeFeedTriggerIT {

    private static final Duration PATIENCE = Duration.ofSeconds(10);

    private final InMemoryDocumentStore store = new InMemoryDocumentStore();
    private final DocumentContainer notifications = store.container("notifications");
    private final FeedFunctions functions = new FeedFunctions();
    private final ScheduledExecutorService scheduler = Executors.newScheduledThreadPool(1);

    @AfterEach
    void stopTheFeed() {
        scheduler.shutdownNow();
    }

    private ChangeFeedTrigger started(String function, long delayCapMillis) {
        ChangeFeedTrigger trigger = new ChangeFeedTrigger(
                new FunctionInvoker(functions.definition(function), functions), store, delayCapMillis);
        functions.trigger = trigger;
        trigger.start(scheduler);
        return trigger;
    }

    private void write(String... ids) {
        for (String id : ids) {
            notifications.upsert(EventCodec.json().createObjectNode().put("id", id).put("userId", "ann"));
        }
    }

    private static void await(BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("waited " + PATIENCE + " for " + what);
            }
            Thread.sleep(10);
        }
    }

    @Test
    void whatTheExtensionDoesIsMeteredThePollsThatFindNothingCountedAndTheHostsOwnLooksLeftOut() throws Exception {
        Meter requests = new Meter();
        Meter executions = new Meter();
        ChangeFeedTrigger trigger = new ChangeFeedTrigger(
                new FunctionInvoker(functions.definition("threeAtATime"), functions, executions),
                new MeteredDocumentStore(store, "notify/trigger", requests), store, 0);
        functions.trigger = trigger;
        write("m0", "m1", "m2", "m3");
        trigger.start(scheduler);
        await(() -> functions.batches.size() == 2 && trigger.emptyPolls() >= 1, "two batches and a drained poll");
        scheduler.shutdownNow();
        assertThat(scheduler.awaitTermination(5, java.util.concurrent.TimeUnit.SECONDS)).isTrue();

        Map<String, Meter.Reading> before = requests.snapshot();
        for (int i = 0; i < 20; i++) {
            assertThat(trigger.isCaughtUp()).isTrue();
        }
        assertThat(requests.snapshot()).as("the host's looks at the feed are not the extension's")
                .isEqualTo(before);

        Map<String, Meter.Reading> counted = requests.snapshot();
        assertThat(counted.get("notify/trigger notifications changes").count()).as("two reads found changes")
                .isEqualTo(2);
        assertThat(counted.get("notify/trigger notifications changes-empty").count())
                .isEqualTo(trigger.emptyPolls()).isEqualTo(trigger.polls() - 2);
        assertThat(counted.get("notify/trigger leases upsert").count()).as("the lease created, then a checkpoint"
                + " per batch").isEqualTo(3);
        assertThat(executions.snapshot().get("test cosmosDB threeAtATime").count()).as("one execution per batch")
                .isEqualTo(2);
    }

    @Test
    void afterAPollThatFindsTheFeedDrainedTheNextPollWaitsTheAnnotationsFeedPollDelay() throws Exception {
        ChangeFeedTrigger trigger = started("slowPolls", 0);
        await(() -> trigger.polls() >= 1, "the first poll");
        long pollsBefore = trigger.polls();
        await(() -> trigger.polls() > pollsBefore, "the next poll");
        long drainedPoll = System.nanoTime();

        write("n1");
        await(() -> !functions.batches.isEmpty(), "the change to be handed over");

        long waitedMillis = Duration.ofNanos(System.nanoTime() - drainedPoll).toMillis();
        assertThat(waitedMillis).as("feedPollDelay = 1000 ms after a drained poll").isGreaterThanOrEqualTo(700);
        assertThat(functions.idsHanded()).containsExactly(List.of("n1"));
    }

    @Test
    void whileThereAreChangesTheFeedIsReadOnAtOnceAtMostMaxItemsPerInvocation() throws Exception {
        write("d0", "d1", "d2", "d3", "d4", "d5", "d6", "d7", "d8", "d9");

        started("threeAtATime", 0);
        await(() -> functions.batches.size() == 4, "four batches");

        assertThat(functions.idsHanded()).containsExactly(List.of("d0", "d1", "d2"), List.of("d3", "d4", "d5"),
                List.of("d6", "d7", "d8"), List.of("d9"));
        assertThat(functions.batches).extracting(FeedFunctions.Batch::pollsSoFar)
                .as("no drained poll, so no feedPollDelay, between the batches").containsExactly(1L, 2L, 3L, 4L);
    }

    @Test
    void aNewLeaseWithoutStartFromBeginningStartsAtNow() throws Exception {
        write("before-start");

        ChangeFeedTrigger trigger = started("fromNow", 0);
        write("after-start");
        await(() -> !functions.batches.isEmpty() && trigger.isCaughtUp(), "the feed to catch up");

        assertThat(functions.idsHanded()).containsExactly(List.of("after-start"));
    }

    @Test
    void aNewLeaseWithStartFromBeginningHandsOverWhatWasWrittenBeforeTheStart() throws Exception {
        write("before-start");

        ChangeFeedTrigger trigger = started("noRetries", 0);
        await(() -> !functions.batches.isEmpty() && trigger.isCaughtUp(), "the feed to catch up");

        assertThat(functions.idsHanded()).containsExactly(List.of("before-start"));
    }

    @Test
    void aFunctionThatThrowsWithoutARetryPolicyLosesTheBatchAndTheLeaseMovesOn() throws Exception {
        functions.failures.set(1);
        write("a", "b", "c", "d");

        ChangeFeedTrigger trigger = started("noRetries", 0);
        await(() -> functions.batches.size() == 2 && trigger.isCaughtUp(), "the feed to catch up");

        assertThat(functions.idsHanded()).containsExactly(List.of("a", "b", "c"), List.of("d"));
    }

    @Test
    void aFunctionWithARetryPolicyGetsTheSameBatchAgainUntilItsRetriesAreSpentAndThenLosesIt() throws Exception {
        functions.failures.set(3);
        write("a", "b", "c", "d");

        ChangeFeedTrigger trigger = started("twoFixedRetries", 0);
        await(() -> functions.batches.size() == 4 && trigger.isCaughtUp(), "the feed to catch up");

        assertThat(functions.idsHanded()).containsExactly(List.of("a", "b", "c"), List.of("a", "b", "c"),
                List.of("a", "b", "c"), List.of("d"));
    }

    @Test
    void aFunctionThatRetriesForEverGetsTheBatchUntilItSucceedsAndLosesNothing() throws Exception {
        functions.failures.set(6);
        write("a", "b", "c", "d");

        ChangeFeedTrigger trigger = started("retriesForever", 0);
        await(() -> functions.batches.size() == 8 && trigger.isCaughtUp(), "the feed to catch up");

        assertThat(functions.idsHanded().subList(0, 7)).allSatisfy(ids -> assertThat(ids).containsExactly("a", "b", "c"));
        assertThat(functions.idsHanded().get(7)).containsExactly("d");
    }

    @Test
    void aPausedFeedHandsNothingOverUntilItIsResumed() throws Exception {
        ChangeFeedTrigger trigger = started("noRetries", 0);
        trigger.setPaused(true);
        write("a");
        Thread.sleep(500);
        assertThat(functions.batches).as("nothing while paused").isEmpty();

        trigger.setPaused(false);
        await(() -> !functions.batches.isEmpty(), "the change after the pause");

        assertThat(functions.idsHanded()).containsExactly(List.of("a"));
    }

    @Test
    void theHostsDelayCapShortensTheAnnotationsPollDelay() throws Exception {
        ChangeFeedTrigger trigger = started("slowPolls", 50);

        await(() -> trigger.polls() >= 6, "six polls, 3 s apart without the cap");

        assertThat(trigger.settings().pollDelay()).isEqualTo(Duration.ofSeconds(1));
        assertThat(trigger.settings().pollWait()).isEqualTo(Duration.ofMillis(50));
    }
}
