package dev.flights.notify.functions;

import com.microsoft.azure.functions.ExecutionContext;
import com.microsoft.azure.functions.HttpMethod;
import com.microsoft.azure.functions.HttpRequestMessage;
import com.microsoft.azure.functions.HttpResponseMessage;
import com.microsoft.azure.functions.HttpStatus;
import com.microsoft.azure.functions.annotation.AuthorizationLevel;
import com.microsoft.azure.functions.annotation.FunctionName;
import com.microsoft.azure.functions.annotation.HttpTrigger;
import dev.flights.contract.UserId;
import dev.flights.notify.application.ListNotifications;
import dev.flights.platform.http.CustomerQuery;
import dev.flights.platform.http.HttpFunctions;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Component;

/** HTTP: a customer's notification feed, newest first: one's own, or any for an operator. */
@Component
public class NotificationFunctions {

    private final ListNotifications listNotifications;

    public NotificationFunctions(ListNotifications listNotifications) {
        this.listNotifications = listNotifications;
    }

    @FunctionName("listNotifications")
    public HttpResponseMessage list(
            @HttpTrigger(name = "request", methods = {HttpMethod.GET}, route = "notifications",
                    authLevel = AuthorizationLevel.ANONYMOUS) HttpRequestMessage<Optional<String>> request,
            ExecutionContext context) {
        return HttpFunctions.handle(request, () -> {
            UserId userId = CustomerQuery.readableUserId(request);
            var items = listNotifications.apply(userId).stream().map(NotificationResource::of).toList();
            return HttpFunctions.json(request, HttpStatus.OK, Map.of("items", items));
        });
    }
}
