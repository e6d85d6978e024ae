package dev.flights.pay.domain;

import dev.flights.contract.Money;
import java.time.Instant;

/**
 * What the first deposit with a key came to, kept with the account so that a retry with that key answers the same
 * without crediting again. {@code balance} is the balance right after that deposit.
 */
public record DepositReceipt(DepositKey key, Money amount, Money balance, Instant at) {

    /** A retry must ask for what the first request asked for; the same key with another amount is a client bug. */
    public boolean isFor(Money requested) {
        return amount.equals(requested);
    }
}
