package dev.flights.pay.adapter;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.flights.contract.UserId;
import dev.flights.contract.codec.EventCodec;
import dev.flights.pay.application.Accounts;
import dev.flights.pay.domain.Account;
import dev.flights.pay.domain.Deposit;
import dev.flights.pay.domain.DepositKey;
import dev.flights.pay.domain.DepositReceipt;
import dev.flights.pay.domain.Movement;
import dev.flights.pay.domain.Payment;
import dev.flights.pay.domain.Settlement;
import dev.flights.pay.domain.Statement;
import dev.flights.platform.outbox.Outbox;
import dev.flights.platform.outbox.OutboxWriter;
import dev.flights.platform.store.ContainerLayout;
import dev.flights.platform.store.DocumentContainer;
import dev.flights.platform.store.DocumentQuery;
import dev.flights.platform.store.DocumentStore;
import dev.flights.platform.store.TransactionalBatch;
import java.util.Comparator;
import java.util.Optional;
import java.util.UUID;
import org.springframework.stereotype.Component;

/**
 * Accounts in the {@code accounts} container, partitioned by user id: a customer's account document, one payment
 * document per reservation, one movement document per balance change ({@code movement-<account version>}), one
 * receipt per deposit idempotency key ({@code deposit-key-<key>}) share a partition, so one transactional batch
 * stores a change whole — the balance, its statement line, the payment or the key's receipt, and the events it
 * causes, which ride in the payment document's embedded outbox ({@link Outbox#embed}).
 */
@Component
public class AccountDocuments implements Accounts {

    static final String ACCOUNT_ID = "account";
    static final String ACCOUNT_TYPE = "account";
    static final String PAYMENT_TYPE = "payment";
    static final String MOVEMENT_TYPE = "movement";
    static final String RECEIPT_TYPE = "depositReceipt";

    private final DocumentContainer container;
    private final Outbox outbox;
    private final OutboxWriter outboxes;

    public AccountDocuments(DocumentStore store, OutboxWriter outboxes) {
        this.container = store.container(ContainerLayout.ACCOUNTS);
        this.outbox = new Outbox("/apps/pay", container);
        this.outboxes = outboxes;
    }

    static String paymentId(UUID reservationId) {
        return "payment-" + reservationId;
    }

    @Override
    public Optional<Found<Account>> account(UserId userId) {
        return container.read(userId.value(), ACCOUNT_ID)
                .map(doc -> new Found<>(read(doc, Account.class), doc.path("_etag").asText()));
    }

    @Override
    public Optional<Found<Payment>> payment(UserId userId, UUID reservationId) {
        return container.read(userId.value(), paymentId(reservationId)).map(outbox::seen)
                .map(doc -> new Found<>(read(doc, Payment.class), doc.path("_etag").asText()));
    }

    @Override
    public Optional<DepositReceipt> receipt(UserId userId, DepositKey key) {
        return container.read(userId.value(), receiptId(key)).map(doc -> read(doc, DepositReceipt.class));
    }

    @Override
    public Optional<Statement> statement(UserId userId) {
        return account(userId).map(Found::value).map(account -> new Statement(account,
                container.query(userId.value(), DocumentQuery.where("docType", MOVEMENT_TYPE)).stream()
                        .map(doc -> read(doc, Movement.class))
                        // lines written after the account was read belong to a later version of it
                        .filter(movement -> movement.sequence() <= account.version())
                        .sorted(Comparator.comparingLong(Movement::sequence).reversed())
                        .toList()));
    }

    @Override
    public void deposit(Deposit deposit, String etag) {
        Account account = deposit.account();
        TransactionalBatch batch = TransactionalBatch.in(account.userId().value())
                .write(document(account), etag)
                .create(document(deposit.movement()));
        deposit.receipt().ifPresent(receipt -> batch.create(document(account, receipt)));
        container.execute(batch);
    }

    @Override
    public void record(Settlement settlement, String accountEtag, String paymentEtag) {
        Payment payment = settlement.payment();
        TransactionalBatch batch = TransactionalBatch.in(payment.userId().value());
        if (settlement.account() != null) {
            batch.write(document(settlement.account()), accountEtag);
        }
        outbox.embed(batch, document(payment), paymentEtag, settlement.events());
        if (settlement.movement() != null) {
            batch.create(document(settlement.movement()));
        }
        outboxes.commit(container, batch);
    }

    static ObjectNode document(Account account) {
        ObjectNode doc = EventCodec.json().valueToTree(account);
        doc.put("id", ACCOUNT_ID);
        doc.put("docType", ACCOUNT_TYPE);
        return doc;
    }

    static ObjectNode document(Payment payment) {
        ObjectNode doc = EventCodec.json().valueToTree(payment);
        doc.put("id", paymentId(payment.reservationId()));
        doc.put("docType", PAYMENT_TYPE);
        return doc;
    }

    static ObjectNode document(Movement movement) {
        ObjectNode doc = EventCodec.json().valueToTree(movement);
        doc.put("id", String.format("movement-%019d", movement.sequence()));
        doc.put("docType", MOVEMENT_TYPE);
        return doc;
    }

    static ObjectNode document(Account account, DepositReceipt receipt) {
        ObjectNode doc = EventCodec.json().valueToTree(receipt);
        doc.put("id", receiptId(receipt.key()));
        doc.put("docType", RECEIPT_TYPE);
        doc.put("userId", account.userId().value());
        return doc;
    }

    private static String receiptId(DepositKey key) {
        return "deposit-key-" + key.value();
    }

    private static <T> T read(ObjectNode doc, Class<T> type) {
        try {
            return EventCodec.json().treeToValue(doc, type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(type.getSimpleName() + " document " + doc.path("id").asText()
                    + " of " + doc.path("userId").asText() + " is unreadable", e);
        }
    }
}
