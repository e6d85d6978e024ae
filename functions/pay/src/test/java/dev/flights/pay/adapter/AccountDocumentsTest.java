package dev.flights.pay.adapter;

import static dev.flights.pay.fixtures.Reservations.T0;
import static dev.flights.pay.fixtures.Reservations.aReservation;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.flights.contract.Money;
import dev.flights.contract.UserId;
import dev.flights.pay.domain.Account;
import dev.flights.pay.domain.Deposit;
import dev.flights.pay.domain.DepositKey;
import dev.flights.pay.fixtures.Reservations;
import dev.flights.platform.inprocess.InMemoryDocumentStore;
import dev.flights.platform.outbox.OutboxWriter;
import dev.flights.platform.store.ChangeFeedPage;
import dev.flights.platform.store.DocumentContainer;
import dev.flights.platform.store.DocumentQuery;
import dev.flights.platform.store.DocumentStore;
import dev.flights.platform.store.TransactionalBatch;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/**
 * The statement cannot disagree with the balance, nor a key's receipt with what it credited, because each balance
 * change is one write — one transactional batch, which the store applies whole or not at all.
 */
class AccountDocumentsTest {

    private static final UserId EW = new UserId("ew");

    private final List<List<String>> writes = new CopyOnWriteArrayList<>();
    private final AccountDocuments accounts = new AccountDocuments(recordingWrites(new InMemoryDocumentStore()),
            OutboxWriter.relayOnly());

    @Test
    void aKeyedDepositWritesTheBalanceItsLineAndItsReceiptInOneBatch() {
        Deposit deposit = Deposit.into(Account.open(EW), Money.of(150), T0, Optional.of(new DepositKey("k1")));

        accounts.deposit(deposit, null);

        assertThat(writes).containsExactly(List.of("account", "movement-0000000000000000001", "deposit-key-k1"));
    }

    @Test
    void aChargeAndARefundEachWriteTheBalanceThePaymentTheLineAndTheEventInOneBatch() {
        Reservations reservation = aReservation().by("ew").costing(100);
        accounts.deposit(Deposit.into(Account.open(EW), Money.of(150), T0, Optional.empty()), null);
        var paid = accounts.account(EW).orElseThrow();
        accounts.record(paid.value().pay(reservation.request(), Optional.empty(), T0).orElseThrow().settlement(),
                paid.etag(), null);
        var charged = accounts.account(EW).orElseThrow();
        var payment = accounts.payment(EW, reservation.id()).orElseThrow();
        accounts.record(charged.value().cancel(reservation.id(), reservation.requested().flightId(),
                Optional.of(payment.value()), T0).orElseThrow(), charged.etag(), payment.etag());

        assertThat(writes).hasSize(3);
        // the events ride in the payment document: three documents a batch
        assertThat(writes.get(1)).containsExactly("account", "payment-" + reservation.id(),
                "movement-0000000000000000002");
        assertThat(writes.get(2)).containsExactly("account", "payment-" + reservation.id(),
                "movement-0000000000000000003");
    }

    private DocumentStore recordingWrites(DocumentStore store) {
        return name -> {
            DocumentContainer container = store.container(name);
            return new DocumentContainer() {
                @Override
                public String name() {
                    return container.name();
                }

                @Override
                public String partitionKeyField() {
                    return container.partitionKeyField();
                }

                @Override
                public Optional<ObjectNode> read(String partitionKey, String id) {
                    return container.read(partitionKey, id);
                }

                @Override
                public List<ObjectNode> query(String partitionKey, DocumentQuery query) {
                    return container.query(partitionKey, query);
                }

                @Override
                public ObjectNode upsert(ObjectNode document) {
                    writes.add(List.of(document.path("id").asText()));
                    return container.upsert(document);
                }

                @Override
                public List<ObjectNode> execute(TransactionalBatch batch) {
                    writes.add(batch.operations().stream().map(o -> o.document().path("id").asText()).toList());
                    return container.execute(batch);
                }

                @Override
                public ChangeFeedPage readChanges(String continuation, int maxItems) {
                    return container.readChanges(continuation, maxItems);
                }
            };
        };
    }
}
