package dev.flights.pay.application;

import dev.flights.contract.UserId;
import dev.flights.pay.domain.Statement;
import java.util.Optional;
import java.util.function.Function;
import org.springframework.stereotype.Component;

/** Reads a customer's statement; empty until their first deposit. */
@Component
public class GetStatement implements Function<UserId, Optional<Statement>> {

    private final Accounts accounts;

    public GetStatement(Accounts accounts) {
        this.accounts = accounts;
    }

    @Override
    public Optional<Statement> apply(UserId userId) {
        return accounts.statement(userId);
    }
}
