package dev.flights.pay.domain;

import java.util.List;

/**
 * An account with every movement of its balance, newest first, as of one account version: the lines are exactly
 * those the stored balance is made of, so deposits less charges plus refunds over them is the balance.
 */
public record Statement(Account account, List<Movement> movements) {

    public Statement {
        movements = List.copyOf(movements);
    }
}
