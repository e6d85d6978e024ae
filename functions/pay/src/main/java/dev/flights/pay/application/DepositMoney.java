package dev.flights.pay.application;

import dev.flights.pay.domain.Account;
import dev.flights.pay.domain.Deposit;
import dev.flights.pay.domain.DepositReceipt;
import dev.flights.platform.store.OptimisticRetry;
import java.time.Clock;
import java.util.Optional;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Adds a deposit to an account, opening it on the first one. Concurrent deposits and charges never lose money:
 * the write is conditional on the ETag read, and a lost race is decided again on fresh state. With an idempotency
 * key, the key's receipt is written in the same batch as the balance, so two requests with one key racing each
 * other credit once: the loser re-reads, finds the receipt and answers what the winner answered.
 */
@Component
public class DepositMoney implements Function<DepositCommand, DepositOutcome> {

    private static final Logger log = LoggerFactory.getLogger(DepositMoney.class);

    private final Accounts accounts;
    private final Clock clock;

    public DepositMoney(Accounts accounts, Clock clock) {
        this.accounts = accounts;
        this.clock = clock;
    }

    @Override
    public DepositOutcome apply(DepositCommand command) {
        DepositOutcome outcome = OptimisticRetry.run(() -> {
            Optional<DepositReceipt> first = command.key().flatMap(k -> accounts.receipt(command.userId(), k));
            if (first.isPresent()) {
                return first.get().isFor(command.amount())
                        ? new DepositOutcome.Repeated(command.userId(), first.get())
                        : new DepositOutcome.KeyReusedForAnotherAmount(command.userId(), first.get());
            }
            var found = accounts.account(command.userId());
            Account before = found.map(Accounts.Found::value).orElseGet(() -> Account.open(command.userId()));
            Deposit deposit = Deposit.into(before, command.amount(), clock.instant(), command.key());
            accounts.deposit(deposit, found.map(Accounts.Found::etag).orElse(null));
            return new DepositOutcome.Credited(command.userId(), deposit.account().balance());
        });
        if (outcome instanceof DepositOutcome.Credited credited) {
            log.debug("{} deposited {}, balance {}", command.userId(), command.amount(), credited.balance());
        } else {
            log.info("{} repeated the deposit with key {}: {}", command.userId(), command.key().orElse(null), outcome);
        }
        return outcome;
    }
}
