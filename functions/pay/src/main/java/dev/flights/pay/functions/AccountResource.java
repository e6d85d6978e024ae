package dev.flights.pay.functions;

import dev.flights.pay.domain.Account;

/** An account as the HTTP API shows it. */
record AccountResource(String userId, long balance) {

    static AccountResource of(Account account) {
        return new AccountResource(account.userId().value(), account.balance().amount());
    }
}
