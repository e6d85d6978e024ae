package dev.flights.pay.application;

import dev.flights.contract.UserId;
import dev.flights.pay.domain.Account;
import java.util.Optional;
import java.util.function.Function;
import org.springframework.stereotype.Component;

/** Reads a customer's account; empty until their first deposit. */
@Component
public class GetAccount implements Function<UserId, Optional<Account>> {

    private final Accounts accounts;

    public GetAccount(Accounts accounts) {
        this.accounts = accounts;
    }

    @Override
    public Optional<Account> apply(UserId userId) {
        return accounts.account(userId).map(Accounts.Found::value);
    }
}
