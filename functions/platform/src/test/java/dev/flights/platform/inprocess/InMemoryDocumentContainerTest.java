package dev.flights.platform.inprocess;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.flights.platform.store.DocumentContainer;
import dev.flights.platform.store.DocumentContainerContract;
import dev.flights.platform.store.TransactionalBatch;
import org.junit.jupiter.api.Test;

class InMemoryDocumentContainerTest extends DocumentContainerContract {

    @Override
    protected DocumentContainer container(String name, String partitionKeyField) {
        return new InMemoryDocumentContainer(name, partitionKeyField);
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
