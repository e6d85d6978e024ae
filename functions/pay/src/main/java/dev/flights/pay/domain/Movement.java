package dev.flights.pay.domain;

import dev.flights.contract.Money;
import dev.flights.contract.UserId;
import java.time.Instant;
import java.util.UUID;

/**
 * One line of an account's statement: a change of its balance, numbered by the account version it produced, so
 * the lines of an account are gapless and ordered whatever the clocks say. It is stored with the balance change it
 * records, all or nothing, so the statement never disagrees with the balance. {@code reservationId} is null for a
 * deposit.
 */
public record Movement(UserId userId, long sequence, MovementType type, Money amount, Money balanceAfter, Instant at,
        UUID reservationId) {

    public Movement {
        if (sequence < 1 || amount.amount() == 0) {
            throw new IllegalArgumentException("a movement has a positive sequence and amount, was " + sequence
                    + " and " + amount);
        }
    }

    static Movement of(Account after, MovementType type, Money amount, Instant at, UUID reservationId) {
        return new Movement(after.userId(), after.version(), type, amount, after.balance(), at, reservationId);
    }

    /** How this line changes the sum of deposits less charges plus refunds, which equals the balance. */
    public long signedAmount() {
        return type == MovementType.CHARGE ? -amount.amount() : amount.amount();
    }
}
