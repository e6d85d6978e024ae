package dev.flights.platform.inprocess;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.flights.platform.store.DocumentContainer;
import dev.flights.platform.store.DocumentContainerContract;
import dev.flights.platform.store.TransactionalBatch;
import dev.flights.platform.testing.MovingClock;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class InMemoryDocumentContainerTest extends DocumentContainerContract {

    private final MovingClock clock = new MovingClock(Instant.parse("2025-03-01T10:00:00.500Z"));

    @Override
    protected DocumentContainer container(String name, String partitionKeyField) {
        return new InMemoryDocumentContainer(name, partitionKeyField, clock);
    }

    @Override
    protected void letTimePass(Duration duration) {
        clock.advance(duration);
    }

    @Test
    void aDocumentWithoutAStringIdIsRefused() {
        DocumentContainer container = container("c", "userId");

        assertThatThrownBy(() -> container.upsert(doc("alice", "x").put("id", 7)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("id");
        assertThatThrownBy(() -> container.upsert(doc("alice", "")))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aDocumentWithoutItsPartitionKeyIsRefused() {
        DocumentContainer container = container("c", "userId");

        assertThatThrownBy(() -> container.upsert(doc("alice", "x").without("userId")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("userId");
        assertThatThrownBy(() -> container.execute(TransactionalBatch.in("alice").create(doc("alice", "x").putNull("userId"))))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aChangeFeedPageOfZeroItemsIsRefusedRatherThanNeverMovingOn() {
        DocumentContainer container = container("c", "userId");
        container.upsert(doc("alice", "a"));

        assertThatThrownBy(() -> container.readChanges(null, 0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aContinuationThatIsNotOneOfOursIsRefused() {
        DocumentContainer container = container("c", "userId");

        assertThatThrownBy(() -> container.readChanges("not-a-continuation", 10))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> container.readChanges("-1", 10))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theNameIsTheOneGiven() {
        assertThat(container("reservations", "reservationId").name()).isEqualTo("reservations");
    }

    @Test
    void aReadTakingNoLockNeverSeesHalfABatch() throws Exception {
        InMemoryDocumentContainer pair = new InMemoryDocumentContainer("pair", "pk", Clock.systemUTC());
        com.fasterxml.jackson.databind.ObjectMapper json = new com.fasterxml.jackson.databind.ObjectMapper();
        int size = 50;
        java.util.function.IntFunction<TransactionalBatch> both = version -> {
            TransactionalBatch batch = TransactionalBatch.in("p");
            for (int i = 0; i < size; i++) {
                batch = batch.upsert(json.createObjectNode().put("id", "d" + i).put("pk", "p").put("version", version));
            }
            return batch;
        };
        pair.execute(both.apply(0));
        int batches = 5_000;
        java.util.concurrent.atomic.AtomicInteger halfBatches = new java.util.concurrent.atomic.AtomicInteger();
        java.util.concurrent.atomic.AtomicBoolean writing = new java.util.concurrent.atomic.AtomicBoolean(true);
        java.util.concurrent.atomic.AtomicInteger reads = new java.util.concurrent.atomic.AtomicInteger();
        java.util.concurrent.atomic.AtomicReference<Throwable> readerFailure =
                new java.util.concurrent.atomic.AtomicReference<>();
        Thread reader = new Thread(() -> {
            while (writing.get() && readerFailure.get() == null) {
                // the last is written after the first in every batch: once the first shows a batch, the last
                // shows it or a later one
                int a = pair.read("p", "d0").orElseThrow().path("version").asInt();
                int b = pair.read("p", "d" + (size - 1)).orElseThrow().path("version").asInt();
                if (b < a) {
                    halfBatches.incrementAndGet();
                }
                reads.incrementAndGet();
            }
        });
        reader.setUncaughtExceptionHandler((thread, e) -> readerFailure.set(e));
        reader.start();
        for (int version = 1; version <= batches; version++) {
            pair.execute(both.apply(version));
        }
        writing.set(false);
        reader.join();

        assertThat(readerFailure.get()).isNull();
        assertThat(reads.get()).isPositive();
        assertThat(halfBatches).hasValue(0);
        assertThat(pair.read("p", "d" + (size - 1)).orElseThrow().path("version").asInt()).isEqualTo(batches);
    }
}
