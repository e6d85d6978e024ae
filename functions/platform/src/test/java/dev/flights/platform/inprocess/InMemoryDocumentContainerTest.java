package dev.flights.platform.inprocess;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.flights.platform.store.DocumentContainer;
import dev.flights.platform.store.DocumentContainerContract;
import dev.flights.platform.store.TransactionalBatch;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class InMemoryDocumentContainerTest extends DocumentContainerContract {

    /** A clock the tests move on by hand. */
    private static final class HandClock extends Clock {
        private Instant now = Instant.parse("2025-03-01T10:00:00.500Z");

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }
    }

    private final HandClock clock = new HandClock();

    @Override
    protected DocumentContainer container(String name, String partitionKeyField) {
        return new InMemoryDocumentContainer(name, partitionKeyField, clock);
    }

    @Override
    protected void letTimePass(Duration duration) {
        clock.now = clock.now.plus(duration);
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
}
