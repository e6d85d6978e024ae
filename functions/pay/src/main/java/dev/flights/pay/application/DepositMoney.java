package dev.flights.pay.application;

import dev.flights.pay.domain.Account;
import dev.flights.platform.store.OptimisticRetry;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Adds a deposit to an account, opening it on the first one. Concurrent deposits and charges never lose money:
 * the write is conditional on the ETag read, and a lost race is decided again on fresh state.
 */
@Component
public class DepositMoney implements Function<DepositCommand, Account> {

    private static final Logger log = LoggerFactory.getLogger(DepositMoney.class);

    private final Accounts accounts;

    public DepositMoney(Accounts accounts) {
        this.accounts = accounts;
    }

    @Override
    public Account apply(DepositCommand command) {
        Account account = OptimisticRetry.run(() -> {
            var found = accounts.account(command.userId());
            Account deposited = found.map(Accounts.Found::value).orElseGet(() -> Account.open(command.userId()))
                    .deposit(command.amount());
            accounts.save(deposited, found.map(Accounts.Found::etag).orElse(null));
            return deposited;
        });
        log.info("{} deposited {}, balance {}", command.userId(), command.amount(), account.balance());
        return account;
    }
}
