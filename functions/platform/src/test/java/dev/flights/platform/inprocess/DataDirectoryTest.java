package dev.flights.platform.inprocess;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.flights.contract.events.EventType;
import dev.flights.contract.topology.Subscriptions;
import dev.flights.platform.messaging.OutgoingMessage;
import dev.flights.platform.store.ContainerLayout;
import dev.flights.platform.store.DocumentContainer;
import dev.flights.platform.store.TransactionalBatch;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A data directory replays to the state the store and the topic had when the process stopped, killed (nothing folded)
 * or closed (everything folded into snapshots), and one directory serves one host at a time.
 */
class DataDirectoryTest {

    private static final TopicSettings FAST = new TopicSettings(4, Duration.ofMillis(50), Duration.ofMinutes(10));
    private static final Subscriptions TOPOLOGY = Subscriptions.load();

    @TempDir
    Path dir;

    private final List<AutoCloseable> opened = new ArrayList<>();

    @AfterEach
    void close() throws Exception {
        for (AutoCloseable c : opened) {
            c.close();
        }
    }

    private DataDirectory open(long compactAt) {
        return DataDirectory.open(dir, TOPOLOGY, FAST, compactAt);
    }

    private InProcessTopic topic(DataDirectory data) {
        InProcessTopic topic = new InProcessTopic(TOPOLOGY, FAST, Clock.systemUTC(), data.topicJournal());
        topic.restore(data.topicState());
        opened.add(topic);
        return topic;
    }

    @Test
    void theStoreReplaysToTheSameDocumentsEtagsAndChangeFeedAfterAKill() {
        DataDirectory data = open(Long.MAX_VALUE);
        write(data.store());
        Map<String, String> before = storeState(data.store());
        String leaseContinuation = data.store().container(ContainerLayout.RESERVATIONS).readChanges(null, 3)
                .continuation();
        data.abandon();

        DataDirectory again = open(Long.MAX_VALUE);
        opened.add(again);

        assertThat(storeState(again.store())).isEqualTo(before);
        assertThat(again.recovered().recordsReplayed()).isEqualTo(48);
        assertThat(again.recovered().documents()).isEqualTo(29);
        // a lease's continuation goes on from the same change: the same page after it
        assertThat(again.store().container(ContainerLayout.RESERVATIONS).readChanges(leaseContinuation, 100)
                .documents()).extracting(d -> d.path("id").asText()).containsExactly("r0", "r1", "r2", "r3", "r4");
    }

    @Test
    void theTopicReplaysToTheSameMessagesDeliveryCountsScheduledMessagesAndDeadLettersAfterAKill() {
        DataDirectory data = open(Long.MAX_VALUE);
        InProcessTopic topic = topic(data);
        // pay fails every message of session "poison" (dead-lettered after 10 deliveries) and takes the others
        topic.subscribe("pay", m -> {
            if (m.sessionId().equals("poison")) {
                throw new IllegalStateException("poison");
            }
        });
        List<OutgoingMessage> requested = new ArrayList<>();
        for (String session : List.of("a", "b", "poison", "poison")) {
            requested.add(message(session, EventType.ReservationRequested));
        }
        topic.publish(requested);
        topic.publish(List.of(requested.get(0))); // a duplicate, dropped
        topic.publish(List.of(message("c", EventType.PaymentRetryDue).scheduledAt(Instant.now().plusSeconds(3600))));
        topic.redeliver("reserve", message("a", EventType.PaymentApproved));
        Eventually.await("pay to be done", () -> topic.isIdle() && topic.deadLetters("pay").size() == 2);
        topic.removeDeadLetter("pay", 1);
        Map<String, String> before = topicState(topic);
        data.abandon();
        topic.close();

        DataDirectory again = open(Long.MAX_VALUE);
        opened.add(again);
        InProcessTopic restored = topic(again);

        assertThat(topicState(restored)).isEqualTo(before);
        assertThat(restored.scheduledCount()).isEqualTo(1);
        assertThat(again.recovered().messages()).as("notify's 4 and reserve's 1").isEqualTo(5);
        assertThat(again.recovered().deadLettered()).isEqualTo(1);
        restored.publish(List.of(requested.get(1)));
        assertThat(restored.messagesBySession("notify").get("b")).as("duplicate detection remembers").hasSize(1);
    }

    @Test
    void aMessageLockedWhenTheHostWasKilledComesBackWithItsDeliveryCount() throws Exception {
        DataDirectory data = open(Long.MAX_VALUE);
        InProcessTopic topic = topic(data);
        java.util.concurrent.CountDownLatch handling = new java.util.concurrent.CountDownLatch(1);
        java.util.concurrent.CountDownLatch never = new java.util.concurrent.CountDownLatch(1);
        topic.subscribe("pay", m -> {
            handling.countDown();
            never.await();
        });
        OutgoingMessage sent = message("a", EventType.ReservationRequested);
        topic.publish(List.of(sent));
        handling.await();
        data.abandon(); // killed while pay holds the lock
        topic.close();

        DataDirectory again = open(Long.MAX_VALUE);
        opened.add(again);
        InProcessTopic restored = topic(again);
        List<Integer> deliveries = new java.util.concurrent.CopyOnWriteArrayList<>();
        restored.subscribe("pay", m -> deliveries.add(m.deliveryCount()));

        Eventually.await("the message to come back", () -> !deliveries.isEmpty() && restored.isIdle());
        assertThat(deliveries).containsExactly(2);
    }

    @Test
    void aMessageWhoseLastAllowedDeliveryHeldTheLockWhenTheHostWasKilledIsDeadLettered() throws Exception {
        Subscriptions once = new Subscriptions(TOPOLOGY.topic(), 1, TOPOLOGY.filters());
        DataDirectory data = DataDirectory.open(dir, once, FAST, Long.MAX_VALUE);
        InProcessTopic topic = new InProcessTopic(once, FAST, Clock.systemUTC(), data.topicJournal());
        opened.add(topic);
        java.util.concurrent.CountDownLatch handling = new java.util.concurrent.CountDownLatch(1);
        topic.subscribe("pay", m -> {
            handling.countDown();
            new java.util.concurrent.CountDownLatch(1).await();
        });
        topic.publish(List.of(message("a", EventType.ReservationRequested)));
        handling.await();
        data.abandon();
        topic.close();

        DataDirectory again = DataDirectory.open(dir, once, FAST, Long.MAX_VALUE);
        opened.add(again);
        InProcessTopic restored = new InProcessTopic(once, FAST, Clock.systemUTC(), again.topicJournal());
        opened.add(restored);
        restored.restore(again.topicState());

        assertThat(restored.messagesBySession("pay")).isEmpty();
        assertThat(restored.deadLetters("pay")).singleElement().satisfies(letter -> {
            assertThat(letter.reason()).isEqualTo(DeadLetter.MAX_DELIVERY_COUNT_EXCEEDED);
            assertThat(letter.description()).contains("lock on delivery 1 was lost");
        });
    }

    @Test
    void aCloseFoldsEverythingIntoSnapshotsThatReplayToTheSameState() {
        DataDirectory data = open(Long.MAX_VALUE);
        write(data.store());
        InProcessTopic topic = topic(data);
        topic.publish(List.of(message("a", EventType.ReservationRequested),
                message("c", EventType.PaymentRetryDue).scheduledAt(Instant.now().plusSeconds(3600))));
        Map<String, String> store = storeState(data.store());
        Map<String, String> messages = topicState(topic);
        topic.close();
        data.close();

        DataDirectory again = open(Long.MAX_VALUE);
        opened.add(again);

        assertThat(again.recovered().recordsReplayed()).isZero();
        assertThat(again.recovered().snapshotRecords()).isPositive();
        assertThat(storeState(again.store())).isEqualTo(store);
        assertThat(topicState(topic(again))).isEqualTo(messages);
    }

    @Test
    void compactionWhileWritingKeepsEveryWrite() {
        DataDirectory data = open(2048);
        DocumentContainer accounts = data.store().container(ContainerLayout.ACCOUNTS);
        for (int i = 0; i < 400; i++) {
            accounts.upsert(doc("userId", "u" + (i % 7), "account").put("balance", i));
        }
        Eventually.await("a snapshot", () -> java.nio.file.Files.exists(dir.resolve("store.snapshot")));
        Map<String, String> before = storeState(data.store());
        data.abandon();

        DataDirectory again = open(2048);
        opened.add(again);

        assertThat(storeState(again.store())).isEqualTo(before);
        assertThat(again.recovered().snapshotRecords()).isPositive();
        assertThat(again.recovered().recordsReplayed()).isLessThan(400);
    }

    @Test
    void aSecondHostOnTheSameDirectoryIsRefusedNamingTheDirectoryAndThePid() {
        DataDirectory data = open(Long.MAX_VALUE);
        opened.add(data);

        assertThatThrownBy(() -> open(Long.MAX_VALUE)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining(dir.toAbsolutePath().toString())
                .hasMessageContaining("pid " + ProcessHandle.current().pid())
                .hasMessageContaining("--data-dir").hasMessageContaining("--in-memory");
    }

    /** 48 writes: upserts, replaces, a batch, a document with a ttl, leases. */
    private static void write(InMemoryDocumentStore store) {
        DocumentContainer reservations = store.container(ContainerLayout.RESERVATIONS);
        for (int i = 0; i < 5; i++) {
            reservations.upsert(doc("reservationId", "r" + i, "r" + i).put("status", "NEW"));
        }
        for (int i = 0; i < 5; i++) {
            reservations.upsert(doc("reservationId", "r" + i, "r" + i).put("status", "CONFIRMED"));
        }
        DocumentContainer accounts = store.container(ContainerLayout.ACCOUNTS);
        for (int i = 0; i < 10; i++) {
            accounts.upsert(doc("userId", "u" + i, "account").put("balance", i));
        }
        accounts.execute(TransactionalBatch.in("u0").create(doc("userId", "u0", "payment-1"))
                .upsert(doc("userId", "u0", "account").put("balance", 99)));
        for (int i = 0; i < 10; i++) {
            store.container(ContainerLayout.LEASES).upsert(doc("id", "lease-" + i, "lease-" + i).put("continuation", i));
        }
        for (int i = 0; i < 15; i++) {
            store.container(ContainerLayout.NOTIFICATIONS).upsert(doc("userId", "u1", "n" + (i % 3)).put("ttl", 3600));
        }
        reservations.upsert(doc("reservationId", "r3", "r3").put("status", "TICKETED"));
        reservations.upsert(doc("reservationId", "r4", "r4").put("status", "TICKETED"));
    }

    private static ObjectNode doc(String partitionKeyField, String partitionKey, String id) {
        ObjectNode doc = JsonNodeFactory.instance.objectNode().put("id", id);
        doc.put(partitionKeyField, partitionKey);
        return doc;
    }

    private static Map<String, String> storeState(InMemoryDocumentStore store) {
        Map<String, String> state = new TreeMap<>();
        store.containers().forEach((name, container) -> state.put(name, container.exportState().toString()));
        return state;
    }

    private static Map<String, String> topicState(InProcessTopic topic) {
        Map<String, String> state = new TreeMap<>();
        for (String subscription : topic.subscriptionNames()) {
            state.put(subscription + " messages", topic.messagesBySession(subscription).toString());
            state.put(subscription + " dead letters", topic.deadLettersBySequenceNumber(subscription).toString());
        }
        state.put("scheduled", Integer.toString(topic.scheduledCount()));
        return state;
    }

    private static OutgoingMessage message(String session, EventType type) {
        return new OutgoingMessage(UUID.randomUUID().toString(), session, type.name(), "corr-" + session,
                "{\"n\":\"" + UUID.randomUUID() + "\"}", null);
    }
}
