package dev.flights.platform.inprocess;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.flights.platform.store.ContainerLayout;
import dev.flights.platform.store.DocumentStore;
import org.junit.jupiter.api.Test;

class InMemoryDocumentStoreTest {

    private final DocumentStore store = new InMemoryDocumentStore();

    @Test
    void aContainerIsPartitionedAsTheDesignSays() {
        assertThat(store.container(ContainerLayout.RESERVATIONS).partitionKeyField()).isEqualTo("reservationId");
        assertThat(store.container(ContainerLayout.ACCOUNTS).partitionKeyField()).isEqualTo("userId");
        assertThat(store.container(ContainerLayout.TICKETS).partitionKeyField()).isEqualTo("reservationId");
        assertThat(store.container(ContainerLayout.NOTIFICATIONS).partitionKeyField()).isEqualTo("userId");
        assertThat(store.container(ContainerLayout.RESERVATION_VIEW).partitionKeyField()).isEqualTo("userId");
    }

    @Test
    void askingTwiceForAContainerGivesTheSameDocuments() {
        store.container(ContainerLayout.ACCOUNTS).upsert(DocumentContainerContractDocs.account("alice"));

        assertThat(store.container(ContainerLayout.ACCOUNTS).read("alice", "account")).isPresent();
        assertThat(store.container(ContainerLayout.ACCOUNTS)).isSameAs(store.container(ContainerLayout.ACCOUNTS));
    }

    @Test
    void twoStoresShareNothing() {
        store.container(ContainerLayout.ACCOUNTS).upsert(DocumentContainerContractDocs.account("alice"));

        assertThat(new InMemoryDocumentStore().container(ContainerLayout.ACCOUNTS).read("alice", "account")).isEmpty();
    }

    @Test
    void aContainerTheDesignDoesNotNameIsRefused() {
        assertThatThrownBy(() -> store.container("passengers")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("passengers");
    }

    private static final class DocumentContainerContractDocs {
        static com.fasterxml.jackson.databind.node.ObjectNode account(String userId) {
            return dev.flights.contract.codec.EventCodec.json().createObjectNode()
                    .put("id", "account").put("userId", userId).put("balance", 0);
        }
    }
}
