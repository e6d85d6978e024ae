package dev.flights.pay.application;

import dev.flights.contract.Money;
import dev.flights.contract.UserId;
import dev.flights.pay.domain.DepositKey;
import java.util.Optional;

/** A customer puts money into their account; with a key, a retry of the same request credits nothing more. */
public record DepositCommand(UserId userId, Money amount, Optional<DepositKey> key) {

    public DepositCommand(UserId userId, Money amount) {
        this(userId, amount, Optional.empty());
    }
}
