package dev.flights.pay.domain;

import dev.flights.contract.Money;
import java.time.Instant;
import java.util.Optional;

/**
 * A deposit as it is stored, all or nothing: the account with its new balance, the statement line, and the
 * receipt of its idempotency key when the client sent one.
 */
public record Deposit(Account account, Movement movement, Optional<DepositReceipt> receipt) {

    public static Deposit into(Account before, Money amount, Instant at, Optional<DepositKey> key) {
        Account after = before.deposit(amount);
        return new Deposit(after, Movement.of(after, MovementType.DEPOSIT, amount, at, null),
                key.map(k -> new DepositReceipt(k, amount, after.balance(), at)));
    }
}
