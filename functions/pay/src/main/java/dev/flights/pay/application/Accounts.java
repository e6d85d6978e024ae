package dev.flights.pay.application;

import dev.flights.contract.UserId;
import dev.flights.pay.domain.Account;
import dev.flights.pay.domain.Deposit;
import dev.flights.pay.domain.DepositKey;
import dev.flights.pay.domain.DepositReceipt;
import dev.flights.pay.domain.Payment;
import dev.flights.pay.domain.Settlement;
import dev.flights.pay.domain.Statement;
import java.util.Optional;
import java.util.UUID;

/**
 * The customers' accounts, each with its payments, its statement, its deposit receipts and its outbox in one
 * partition. Writes are conditional: they fail with a concurrency exception when a document changed since it was
 * found (ETag) or, for a new one, when one with that id exists; {@link dev.flights.platform.store.OptimisticRetry}
 * turns that into a decision on fresh state.
 */
public interface Accounts {

    Optional<Found<Account>> account(UserId userId);

    Optional<Found<Payment>> payment(UserId userId, UUID reservationId);

    /** The receipt of the deposit that first used this key, if one did. */
    Optional<DepositReceipt> receipt(UserId userId, DepositKey key);

    /** The account and every movement of its balance up to its stored version, newest first. */
    Optional<Statement> statement(UserId userId);

    /**
     * Stores a deposit whole or not at all: the account, its statement line and its key's receipt; fails as a lost
     * race when the key has a receipt already.
     *
     * @param etag the ETag the account had when found, or null for a new account
     */
    void deposit(Deposit deposit, String etag);

    /**
     * Stores a settlement whole or not at all: its payment, its account (when it has one), its statement line (when
     * money moved) and its events.
     *
     * @param accountEtag the ETag of the account when found, or null when it was not there
     * @param paymentEtag the ETag of the payment when found, or null for a new payment
     */
    void record(Settlement settlement, String accountEtag, String paymentEtag);

    /** A document as stored, with the ETag to write it back with. */
    record Found<T>(T value, String etag) {
    }
}
