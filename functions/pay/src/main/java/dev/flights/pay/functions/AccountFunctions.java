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
import dev.flights.pay.application.GetAccount;
import dev.flights.platform.auth.Access;
import dev.flights.platform.auth.Caller;
import dev.flights.platform.http.HttpFunctions;
import java.util.Optional;
import org.springframework.stereotype.Component;

/** HTTP: the signed-in customer deposits into their own account; reads their own balance (an operator any). */
@Component
public class AccountFunctions {

    static final long MAX_DEPOSIT = 1_000_000;

    private final DepositMoney depositMoney;
    private final GetAccount getAccount;

    public AccountFunctions(DepositMoney depositMoney, GetAccount getAccount) {
        this.depositMoney = depositMoney;
        this.getAccount = getAccount;
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
            var account = depositMoney.apply(new DepositCommand(user, Money.of(amount)));
            return HttpFunctions.json(request, HttpStatus.OK, AccountResource.of(account));
        });
    }

    @FunctionName("getAccount")
    public HttpResponseMessage get(
            @HttpTrigger(name = "request", methods = {HttpMethod.GET}, route = "accounts/{userId}",
                    authLevel = AuthorizationLevel.ANONYMOUS) HttpRequestMessage<Optional<String>> request,
            @BindingName("userId") String userId, ExecutionContext context) {
        return HttpFunctions.handle(request, () -> {
            Caller caller = Access.signedIn(request);
            UserId user = userId(userId);
            Access.requireReader(caller, user);
            return getAccount.apply(user)
                    .map(account -> HttpFunctions.json(request, HttpStatus.OK, AccountResource.of(account)))
                    .orElseGet(() -> HttpFunctions.notFound(request, "account " + userId));
        });
    }

    private static UserId userId(String value) {
        return new UserId(HttpFunctions.checked("userId", value, UserId::isValid, UserId.RULE));
    }
}
