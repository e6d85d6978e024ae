package dev.flights.localhost.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.flights.localhost.LocalHostOptions;
import dev.flights.localhost.LocalHostRuntime;
import dev.flights.localhost.triggers.ChangeFeedTrigger;
import dev.flights.platform.outbox.Outbox;
import dev.flights.platform.store.ContainerLayout;
import dev.flights.platform.store.DocumentQuery;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A local host with its default change feeds, as on Azure: every Cosmos DB trigger waits its annotation's
 * feedPollDelay after a drained poll and hands at most its maxItemsPerInvocation. (The shared host of the other
 * end-to-end tests caps those waits for speed.)
 */
class AzureFeedDelaysIT {

    private static LocalHostRuntime host;
    private static Api api;

    @BeforeAll
    static void startAHostWithAzuresFeedDelays() throws Exception {
        host = LocalHostRuntime.start(LocalHostOptions.defaults().withPort(0)
                .withAppProperties(SharedLocalHost.FAST_SETTINGS));
        api = new Api(host.baseUri());
    }

    @AfterAll
    static void stop() {
        if (host != null) {
            host.close();
        }
    }

    @Test
    void everyTriggerTakesItsSettingsFromItsAnnotation() {
        Map<String, Integer> maxItems = new HashMap<>();
        Map<String, Duration> pollWaits = new HashMap<>();
        for (ChangeFeedTrigger feed : host.changeFeeds()) {
            maxItems.put(feed.functionName(), feed.settings().maxItems());
            pollWaits.put(feed.functionName(), feed.settings().pollWait());
            assertThat(feed.settings().startFromBeginning()).as(feed.functionName()).isTrue();
        }
        // the relays are the safety net behind the direct publish; the view's poll is on the way to the list
        assertThat(pollWaits).containsExactlyInAnyOrderEntriesOf(Map.of("relayReservationOutbox",
                Duration.ofSeconds(5), "relayAccountOutbox", Duration.ofSeconds(5), "relayTicketOutbox",
                Duration.ofSeconds(5), "projectReservationView", Duration.ofMillis(500)));
        assertThat(maxItems).containsExactlyInAnyOrderEntriesOf(Map.of("relayReservationOutbox", 50,
                "relayAccountOutbox", 50, "relayTicketOutbox", 50, "projectReservationView", 25));
    }

    @Test
    void aDrainedFeedIsPolledNoMoreThanOnceAFeedPollDelay() throws InterruptedException {
        host.awaitQuiet(Duration.ofSeconds(30));
        Map<String, Long> before = new HashMap<>();
        host.changeFeeds().forEach(feed -> before.put(feed.functionName(), feed.polls()));

        long slept = 5500;
        Thread.sleep(slept);

        // at most one poll a feedPollDelay, plus one for a poll already due at the start; at least one, as the sleep
        // is longer than the longest delay
        for (ChangeFeedTrigger feed : host.changeFeeds()) {
            long most = slept / feed.settings().pollWait().toMillis() + 1;
            assertThat(feed.polls() - before.get(feed.functionName())).as(feed.functionName()).isBetween(1L, most);
        }
    }

    @Test
    void aReservationIsTicketedThroughEveryHopAndLeavesNothingInItsOutbox() {
        String customer = Api.newCustomer();
        api.deposit(customer, 100);

        String id = api.reserve(customer, "KE901");
        api.awaitStatus(id, "TICKETED");
        host.awaitQuiet(Duration.ofSeconds(30));

        // the events rode in the reservation document: each was sent and then settled, so none is left there, and
        // no outbox document of its own was written
        ObjectNode reservation = host.store().container(ContainerLayout.RESERVATIONS).read(id, id).orElseThrow();
        assertThat(reservation.path("status").asText()).isEqualTo("TICKETED");
        assertThat(Outbox.hasEmbeddedEntries(reservation)).as("entries left in %s", reservation).isFalse();
        assertThat(host.store().container(ContainerLayout.RESERVATIONS)
                .query(id, DocumentQuery.where("docType", Outbox.DOC_TYPE))).isEmpty();
        for (ChangeFeedTrigger feed : host.changeFeeds()) {
            assertThat(feed.largestBatch()).as(feed.functionName()).isLessThanOrEqualTo(feed.settings().maxItems());
        }
    }
}
