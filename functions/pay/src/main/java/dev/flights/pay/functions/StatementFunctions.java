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
import dev.flights.contract.UserId;
import dev.flights.pay.application.GetStatement;
import dev.flights.platform.auth.Access;
import dev.flights.platform.auth.Caller;
import dev.flights.platform.http.HttpFunctions;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * HTTP: an account's statement, every deposit, charge and refund, newest first; for its own customer, or an operator
 * (the {@code admin} role), like the account itself.
 */
@Component
public class StatementFunctions {

    private final GetStatement getStatement;

    public StatementFunctions(GetStatement getStatement) {
        this.getStatement = getStatement;
    }

    @FunctionName("getStatement")
    public HttpResponseMessage get(
            @HttpTrigger(name = "request", methods = {HttpMethod.GET}, route = "accounts/{userId}/statement",
                    authLevel = AuthorizationLevel.ANONYMOUS) HttpRequestMessage<Optional<String>> request,
            @BindingName("userId") String userId, ExecutionContext context) {
        return HttpFunctions.handle(request, () -> {
            Caller caller = Access.signedIn(request);
            UserId user = new UserId(HttpFunctions.checked("userId", userId, UserId::isValid, UserId.RULE));
            Access.requireReader(caller, user);
            return getStatement.apply(user)
                    .map(statement -> HttpFunctions.json(request, HttpStatus.OK, StatementResource.of(statement)))
                    .orElseGet(() -> HttpFunctions.notFound(request, "account " + userId));
        });
    }
}
