package dev.flights.view.functions;

import com.microsoft.azure.functions.ExecutionContext;
import com.microsoft.azure.functions.HttpMethod;
import com.microsoft.azure.functions.HttpRequestMessage;
import com.microsoft.azure.functions.HttpResponseMessage;
import com.microsoft.azure.functions.HttpStatus;
import com.microsoft.azure.functions.annotation.AuthorizationLevel;
import com.microsoft.azure.functions.annotation.FunctionName;
import com.microsoft.azure.functions.annotation.HttpTrigger;
import dev.flights.contract.UserId;
import dev.flights.platform.http.CustomerQuery;
import dev.flights.platform.http.HttpFunctions;
import dev.flights.view.application.ListReservations;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Component;

/** HTTP: a customer's reservation list, newest first (the read model, N4): one's own, or any for an operator. */
@Component
public class ReservationListFunctions {

    private final ListReservations listReservations;

    public ReservationListFunctions(ListReservations listReservations) {
        this.listReservations = listReservations;
    }

    @FunctionName("listReservations")
    public HttpResponseMessage list(
            @HttpTrigger(name = "request", methods = {HttpMethod.GET}, route = "reservations",
                    authLevel = AuthorizationLevel.ANONYMOUS) HttpRequestMessage<Optional<String>> request,
            ExecutionContext context) {
        return HttpFunctions.handle(request, () -> {
            UserId userId = CustomerQuery.readableUserId(request);
            var items = listReservations.apply(userId).stream().map(ReservationItem::of).toList();
            return HttpFunctions.json(request, HttpStatus.OK, Map.of("items", items));
        });
    }
}
