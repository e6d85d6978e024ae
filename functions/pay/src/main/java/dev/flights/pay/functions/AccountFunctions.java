package dev.flights.pay.functions;

import com.microsoft.azure.functions.ExecutionContext;
import com.microsoft.azure.functions.HttpMethod;
import com.microsoft.azure.functions.HttpRequestMessage;
import com.microsoft.azure.functions.HttpResponseMessage;
import com.microsoft.azure.functions.HttpStatus;
import com.microsoft.azure.functions.annotation.AuthorizationLevel;
import com.microsoft.azure.functions.annotation.BindingName;
import com.microsoft.azure.functions.annotation.FunctionName;
import com.microsoft.azure.functions.annotation.HttpTrigger;
import dev.flights.contract.Money;
import dev.flights.contract.UserId;
import dev.flights.pay.application.DepositCommand;
import dev.flights.pay.application.DepositMoney;
import dev.flights.pay.application.DepositOutcome;
import dev.flights.pay.application.GetAccount;
import dev.flights.pay.application.GetStatement;
import dev.flights.pay.domain.DepositKey;
import dev.flights.platform.auth.Access;
import dev.flights.platform.auth.Caller;
import dev.flights.platform.http.HttpFunctions;
import dev.flights.platform.http.Problem;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.springframework.stereotype.Component;

/**
 * HTTP: the signed-in customer deposits into their own account (once per {@code Idempotency-Key} when the client
 * sends one); reads their own balance and statement (an operator any).
 */
@Component
public class AccountFunctions {

    static final long MAX_DEPOSIT = 1_000_000;
    static final String IDEMPOTENCY_KEY = "Idempotency-Key";

    private final DepositMoney depositMoney;
    private final GetAccount getAccount;
    private final GetStatement getStatement;

    public AccountFunctions(DepositMoney depositMoney, GetAccount getAccount, GetStatement getStatement) {
        this.depositMoney = depositMoney;
        this.getAccount = getAccount;
        this.getStatement = getStatement;
    }

    @FunctionName("deposit")
    public HttpResponseMessage deposit(
            @HttpTrigger(name = "request", methods = {HttpMethod.POST}, route = "accounts/{userId}/deposits",
                    authLevel = AuthorizationLevel.ANONYMOUS) HttpRequestMessage<Optional<String>> request,
            @BindingName("userId") String userId, ExecutionContext context) {
        return HttpFunctions.handle(request, () -> {
            Caller caller = Access.signedIn(request);
            UserId user = userId(userId);
            Access.requireSelf(caller, user);
            long amount = HttpFunctions.requiredWholeNumber(HttpFunctions.jsonBody(request), "amount", 1, MAX_DEPOSIT);
            Optional<DepositKey> key = HttpFunctions.header(request, IDEMPOTENCY_KEY)
                    .map(k -> new DepositKey(HttpFunctions.checked(IDEMPOTENCY_KEY, k, DepositKey::isValid,
                            DepositKey.RULE)));
            return deposited(request, depositMoney.apply(new DepositCommand(user, Money.of(amount), key)));
        });
    }

    private static HttpResponseMessage deposited(HttpRequestMessage<?> request, DepositOutcome outcome) {
        if (outcome instanceof DepositOutcome.Credited credited) {
            return HttpFunctions.json(request, HttpStatus.OK,
                    new AccountResource(credited.userId().value(), credited.balance().amount()));
        }
        if (outcome instanceof DepositOutcome.Repeated repeated) {
            return HttpFunctions.json(request, HttpStatus.OK,
                    new AccountResource(repeated.userId().value(), repeated.first().balance().amount()));
        }
        var reused = (DepositOutcome.KeyReusedForAnotherAmount) outcome;
        return HttpFunctions.problem(request, new Problem("/problems/idempotency-key-reused", "Idempotency key reused",
                409, IDEMPOTENCY_KEY + " " + reused.first().key() + " was used for a deposit of "
                        + reused.first().amount(),
                List.of(new Problem.FieldError(IDEMPOTENCY_KEY, "must not be reused for a different amount"))));
    }

    @FunctionName("getAccount")
    public HttpResponseMessage get(
            @HttpTrigger(name = "request", methods = {HttpMethod.GET}, route = "accounts/{userId}",
                    authLevel = AuthorizationLevel.ANONYMOUS) HttpRequestMessage<Optional<String>> request,
            @BindingName("userId") String userId, ExecutionContext context) {
        return read(request, userId, user -> getAccount.apply(user).map(AccountResource::of));
    }

    @FunctionName("getStatement")
    public HttpResponseMessage statement(
            @HttpTrigger(name = "request", methods = {HttpMethod.GET}, route = "accounts/{userId}/statement",
                    authLevel = AuthorizationLevel.ANONYMOUS) HttpRequestMessage<Optional<String>> request,
            @BindingName("userId") String userId, ExecutionContext context) {
        return read(request, userId, user -> getStatement.apply(user).map(StatementResource::of));
    }

    /** An account's own customer, or an operator, reads what {@code reading} finds of it; 404 before a deposit. */
    private static HttpResponseMessage read(HttpRequestMessage<Optional<String>> request, String userId,
            Function<UserId, Optional<?>> reading) {
        return HttpFunctions.handle(request, () -> {
            Caller caller = Access.signedIn(request);
            UserId user = userId(userId);
            Access.requireReader(caller, user);
            return reading.apply(user)
                    .map(found -> HttpFunctions.json(request, HttpStatus.OK, found))
                    .orElseGet(() -> HttpFunctions.notFound(request, "account " + userId));
        });
    }

    private static UserId userId(String value) {
        return new UserId(HttpFunctions.checked("userId", value, UserId::isValid, UserId.RULE));
    }
}
