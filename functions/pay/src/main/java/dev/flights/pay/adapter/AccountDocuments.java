package dev.flights.pay.adapter;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.flights.contract.UserId;
import dev.flights.contract.codec.EventCodec;
import dev.flights.pay.application.Accounts;
import dev.flights.pay.domain.Account;
import dev.flights.pay.domain.Payment;
import dev.flights.pay.domain.Settlement;
import dev.flights.platform.outbox.Outbox;
import dev.flights.platform.store.ContainerLayout;
import dev.flights.platform.store.DocumentContainer;
import dev.flights.platform.store.DocumentStore;
import dev.flights.platform.store.TransactionalBatch;
import java.util.Optional;
import java.util.UUID;
import org.springframework.stereotype.Component;

/**
 * Accounts in the {@code accounts} container, partitioned by user id: a customer's account document, one payment
 * document per reservation and the outbox documents share a partition, so one transactional batch stores a
 * settlement whole — the balance, the payment and the events it causes.
 */
@Component
public class AccountDocuments implements Accounts {

    static final String ACCOUNT_ID = "account";
    static final String ACCOUNT_TYPE = "account";
    static final String PAYMENT_TYPE = "payment";

    private final DocumentContainer container;
    private final Outbox outbox;

    public AccountDocuments(DocumentStore store) {
        this.container = store.container(ContainerLayout.ACCOUNTS);
        this.outbox = new Outbox("/apps/pay", container.partitionKeyField());
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
        return container.read(userId.value(), paymentId(reservationId))
                .map(doc -> new Found<>(read(doc, Payment.class), doc.path("_etag").asText()));
    }

    @Override
    public void save(Account account, String etag) {
        container.execute(TransactionalBatch.in(account.userId().value()).write(document(account), etag));
    }

    @Override
    public void record(Settlement settlement, String accountEtag, String paymentEtag) {
        Payment payment = settlement.payment();
        TransactionalBatch batch = TransactionalBatch.in(payment.userId().value());
        if (settlement.account() != null) {
            batch.write(document(settlement.account()), accountEtag);
        }
        batch.write(document(payment), paymentEtag);
        container.execute(outbox.append(batch, settlement.events()));
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

    private static <T> T read(ObjectNode doc, Class<T> type) {
        try {
            return EventCodec.json().treeToValue(doc, type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(type.getSimpleName() + " document " + doc.path("id").asText()
                    + " of " + doc.path("userId").asText() + " is unreadable", e);
        }
    }
}
