package dev.flights.pay.application;

import dev.flights.contract.Money;
import dev.flights.contract.UserId;
import dev.flights.pay.domain.DepositReceipt;

/** What a deposit request came to. A reused key is a result, not an error. */
public sealed interface DepositOutcome permits DepositOutcome.Credited, DepositOutcome.Repeated,
        DepositOutcome.KeyReusedForAnotherAmount {

    /** The money went in; {@code balance} is the balance right after. */
    record Credited(UserId userId, Money balance) implements DepositOutcome {
    }

    /** A retry of a deposit already credited: nothing moved, and the answer is the first one's. */
    record Repeated(UserId userId, DepositReceipt first) implements DepositOutcome {
    }

    /** The key was used before for another amount: nothing moved. */
    record KeyReusedForAnotherAmount(UserId userId, DepositReceipt first) implements DepositOutcome {
    }
}
