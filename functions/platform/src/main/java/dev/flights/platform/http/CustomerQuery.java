package dev.flights.platform.http;

import com.microsoft.azure.functions.HttpRequestMessage;
import dev.flights.contract.UserId;
import dev.flights.platform.auth.Access;
import dev.flights.platform.auth.Caller;

/** The customer a list route reads ({@code ?userId=}), checked against who is calling. */
public final class CustomerQuery {

    private CustomerQuery() {
    }

    /**
     * The {@code userId} query value, the caller's own when it is left out; 401 when nobody is signed in, 400 when it
     * breaks the rule, 403 when it is another customer's and the caller is not an operator.
     */
    public static UserId readableUserId(HttpRequestMessage<?> request) {
        Caller caller = Access.signedIn(request);
        UserId userId = HttpFunctions.query(request, "userId")
                .map(value -> new UserId(HttpFunctions.checked("userId", value, UserId::isValid, UserId.RULE)))
                .orElse(caller.userId());
        Access.requireReader(caller, userId);
        return userId;
    }
}
