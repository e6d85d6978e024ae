package dev.flights.notify.functions;

import com.microsoft.azure.functions.ExecutionContext;
import com.microsoft.azure.functions.HttpMethod;
import com.microsoft.azure.functions.HttpRequestMessage;
import com.microsoft.azure.functions.HttpResponseMessage;
import com.microsoft.azure.functions.annotation.AuthorizationLevel;
import com.microsoft.azure.functions.annotation.FunctionName;
import com.microsoft.azure.functions.annotation.HttpTrigger;
import dev.flights.platform.http.DeadLetterEndpoints;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * Operator only, the {@code admin} app role ({@link DeadLetterEndpoints} says why not the master key): the dead
 * letters of the {@code notify} subscription, listed and resubmitted. The route names the subscription so each app's
 * routes differ under one host name.
 */
@Component
public class DeadLetterFunctions {

    private final DeadLetterEndpoints deadLetters;

    public DeadLetterFunctions(DeadLetterEndpoints deadLetters) {
        this.deadLetters = deadLetters;
    }

    @FunctionName("listNotifyDeadLetters")
    public HttpResponseMessage list(
            @HttpTrigger(name = "request", methods = {HttpMethod.GET}, route = "ops/dead-letters/notify",
                    authLevel = AuthorizationLevel.ANONYMOUS) HttpRequestMessage<Optional<String>> request,
            ExecutionContext context) {
        return deadLetters.list(request, "notify");
    }

    @FunctionName("resubmitNotifyDeadLetters")
    public HttpResponseMessage resubmit(
            @HttpTrigger(name = "request", methods = {HttpMethod.POST}, route = "ops/dead-letters/notify/resubmit",
                    authLevel = AuthorizationLevel.ANONYMOUS) HttpRequestMessage<Optional<String>> request,
            ExecutionContext context) {
        return deadLetters.resubmit(request, "notify");
    }
}
