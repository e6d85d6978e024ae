package dev.flights.platform.inprocess;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.flights.contract.codec.EventCodec;
import dev.flights.platform.store.ContainerLayout;
import dev.flights.platform.store.DocumentContainer;
import dev.flights.platform.store.DocumentQuery;
import dev.flights.platform.store.StoreException;
import dev.flights.platform.store.StoreUnavailableException;
import dev.flights.platform.store.TransactionalBatch;
import org.junit.jupiter.api.Test;

class FaultInjectingDocumentStoreTest {

    private final InMemoryDocumentStore inner = new InMemoryDocumentStore();
    private final FaultInjectingDocumentStore store = new FaultInjectingDocumentStore(inner);
    private final DocumentContainer accounts = store.container(ContainerLayout.ACCOUNTS);

    private static ObjectNode account(String userId, long balance) {
        return EventCodec.json().createObjectNode().put("id", "account").put("userId", userId)
                .put("docType", "account").put("balance", balance);
    }

    @Test
    void aStoreThatIsNotFailingPassesEveryCallThrough() {
        accounts.upsert(account("alice", 100));

        assertThat(store.isFailing()).isFalse();
        assertThat(accounts.read("alice", "account")).isPresent();
        assertThat(inner.container(ContainerLayout.ACCOUNTS).read("alice", "account")).isPresent();
        assertThat(accounts.name()).isEqualTo(ContainerLayout.ACCOUNTS);
        assertThat(accounts.partitionKeyField()).isEqualTo("userId");
        assertThat(store.callsWhileFailing()).isZero();
    }

    @Test
    void aFailingStoreRefusesReadsQueriesUpsertsAndBatchesAndCountsThem() {
        accounts.upsert(account("alice", 100));
        store.setFailing(true);

        assertThatThrownBy(() -> accounts.read("alice", "account")).isInstanceOf(StoreUnavailableException.class);
        assertThatThrownBy(() -> accounts.query("alice", DocumentQuery.where("docType", "account")))
                .isInstanceOf(StoreUnavailableException.class);
        assertThatThrownBy(() -> accounts.upsert(account("alice", 0))).isInstanceOf(StoreUnavailableException.class);
        assertThatThrownBy(() -> accounts.execute(TransactionalBatch.in("bob").create(account("bob", 5))))
                .isInstanceOf(StoreUnavailableException.class)
                .satisfies(e -> assertThat(((StoreUnavailableException) e).statusCode()).isEqualTo(503));

        assertThat(store.isFailing()).isTrue();
        assertThat(store.callsWhileFailing()).isEqualTo(4);
        DocumentContainer behind = inner.container(ContainerLayout.ACCOUNTS);
        assertThat(behind.read("alice", "account").orElseThrow().path("balance").asLong()).isEqualTo(100);
        assertThat(behind.read("bob", "account")).isEmpty();
    }

    @Test
    void aRejectingStoreRefusesEveryCallWith403NotAsUnavailableUntilSwitchedBack() {
        accounts.upsert(account("alice", 100));
        store.setRejecting(true);

        assertThatThrownBy(() -> accounts.read("alice", "account"))
                .isInstanceOf(FaultInjectingDocumentStore.StoreRejectedException.class)
                .isNotInstanceOf(StoreUnavailableException.class)
                .satisfies(e -> assertThat(((StoreException) e).statusCode()).isEqualTo(403));
        assertThatThrownBy(() -> accounts.upsert(account("alice", 0)))
                .isInstanceOf(FaultInjectingDocumentStore.StoreRejectedException.class);
        assertThat(accounts.readChanges(null, 10).documents()).hasSize(1);

        store.setRejecting(false);
        assertThat(accounts.read("alice", "account").orElseThrow().path("balance").asLong()).isEqualTo(100);
    }

    @Test
    void theChangeFeedKeepsWorkingWhileTheStoreFails() {
        accounts.upsert(account("alice", 100));
        store.setFailing(true);

        assertThat(accounts.readChanges(null, 10).documents()).hasSize(1);
        assertThat(store.callsWhileFailing()).isZero();
    }

    @Test
    void aContainerObtainedBeforeTheSwitchFailsToo() {
        store.setFailing(true);

        assertThatThrownBy(() -> store.container(ContainerLayout.ACCOUNTS).read("alice", "account"))
                .isInstanceOf(StoreUnavailableException.class);
        assertThatThrownBy(() -> accounts.read("alice", "account")).isInstanceOf(StoreUnavailableException.class);
    }

    @Test
    void switchingFailureOffRestoresEveryCallAndStopsCounting() {
        store.setFailing(true);
        assertThatThrownBy(() -> accounts.upsert(account("alice", 1))).isInstanceOf(StoreUnavailableException.class);

        store.setFailing(false);
        accounts.upsert(account("alice", 100));
        accounts.execute(TransactionalBatch.in("bob").create(account("bob", 5)));

        assertThat(accounts.read("alice", "account").orElseThrow().path("balance").asLong()).isEqualTo(100);
        assertThat(accounts.query("bob", DocumentQuery.where("docType", "account"))).hasSize(1);
        assertThat(store.isFailing()).isFalse();
        assertThat(store.callsWhileFailing()).isEqualTo(1);
    }
}
