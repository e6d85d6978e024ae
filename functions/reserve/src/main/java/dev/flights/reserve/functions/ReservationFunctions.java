package dev.flights.reserve.functions;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.microsoft.azure.functions.ExecutionContext;
import com.microsoft.azure.functions.HttpMethod;
import com.microsoft.azure.functions.HttpRequestMessage;
import com.microsoft.azure.functions.HttpResponseMessage;
import com.microsoft.azure.functions.HttpStatus;
import com.microsoft.azure.functions.annotation.AuthorizationLevel;
import com.microsoft.azure.functions.annotation.BindingName;
import com.microsoft.azure.functions.annotation.FunctionName;
import com.microsoft.azure.functions.annotation.HttpTrigger;
import dev.flights.contract.FlightId;
import dev.flights.contract.UserId;
import dev.flights.platform.auth.Access;
import dev.flights.platform.auth.Caller;
import dev.flights.platform.http.HttpFunctions;
import dev.flights.platform.http.InvalidInputException;
import dev.flights.platform.http.Problem;
import dev.flights.reserve.application.CancelReservation;
import dev.flights.reserve.application.CancelReservationCommand;
import dev.flights.reserve.application.GetReservation;
import dev.flights.reserve.application.ReserveSeat;
import dev.flights.reserve.application.ReserveSeatCommand;
import dev.flights.reserve.application.ReserveSeatOutcome;
import dev.flights.reserve.domain.CancelOutcome;
import java.util.Optional;
import java.util.UUID;
import org.springframework.stereotype.Component;

/**
 * HTTP: reserve (F1), get one reservation, cancel (F6), for the signed-in customer. A reservation of someone else is
 * answered as unknown (404), so its existence is not revealed; an operator may read any, but cancels only its own.
 */
@Component
public class ReservationFunctions {

    private static final String KEY_RULE = "1 to 128 printable characters";

    private final ReserveSeat reserveSeat;
    private final GetReservation getReservation;
    private final CancelReservation cancelReservation;

    public ReservationFunctions(ReserveSeat reserveSeat, GetReservation getReservation,
            CancelReservation cancelReservation) {
        this.reserveSeat = reserveSeat;
        this.getReservation = getReservation;
        this.cancelReservation = cancelReservation;
    }

    @FunctionName("reserve")
    public HttpResponseMessage reserve(
            @HttpTrigger(name = "request", methods = {HttpMethod.POST}, route = "reservations",
                    authLevel = AuthorizationLevel.ANONYMOUS) HttpRequestMessage<Optional<String>> request,
            ExecutionContext context) {
        return HttpFunctions.handle(request, () -> {
            Caller caller = Access.signedIn(request);
            ObjectNode body = HttpFunctions.jsonBody(request);
            UserId userId = customer(body, caller);
            FlightId flightId = new FlightId(
                    HttpFunctions.requiredText(body, "flightId", FlightId::isValid, FlightId.RULE));
            String key = HttpFunctions.header(request, "Idempotency-Key")
                    .map(k -> HttpFunctions.checked("Idempotency-Key", k, v -> v.length() <= 128
                            && v.chars().allMatch(c -> c >= 0x20 && c < 0x7f), KEY_RULE))
                    .orElse(null);
            ReserveSeatOutcome outcome = reserveSeat.apply(new ReserveSeatCommand(userId, flightId, key));
            if (outcome instanceof ReserveSeatOutcome.KeyReusedForAnotherRequest) {
                return HttpFunctions.problem(request, new Problem("/problems/idempotency-key-reused",
                        "Idempotency key reused", 409, "Idempotency-Key was used for a different reservation",
                        java.util.List.of(new Problem.FieldError("Idempotency-Key",
                                "must not be reused for a different request"))));
            }
            ReservationResource created = ReservationResource.of(((ReserveSeatOutcome.Accepted) outcome).reservation());
            return HttpFunctions.jsonBuilder(request, HttpStatus.ACCEPTED, created)
                    .header("Location", "/api/reservations/" + created.reservationId())
                    .build();
        });
    }

    @FunctionName("getReservation")
    public HttpResponseMessage get(
            @HttpTrigger(name = "request", methods = {HttpMethod.GET}, route = "reservations/{id}",
                    authLevel = AuthorizationLevel.ANONYMOUS) HttpRequestMessage<Optional<String>> request,
            @BindingName("id") String id, ExecutionContext context) {
        return HttpFunctions.handle(request, () -> {
            Caller caller = Access.signedIn(request);
            return getReservation.apply(reservationId(id))
                    .filter(r -> caller.mayRead(r.userId()))
                    .map(r -> HttpFunctions.json(request, HttpStatus.OK, ReservationResource.of(r)))
                    .orElseGet(() -> HttpFunctions.notFound(request, "reservation " + id));
        });
    }

    @FunctionName("cancelReservation")
    public HttpResponseMessage cancel(
            @HttpTrigger(name = "request", methods = {HttpMethod.POST}, route = "reservations/{id}/cancel",
                    authLevel = AuthorizationLevel.ANONYMOUS) HttpRequestMessage<Optional<String>> request,
            @BindingName("id") String id, ExecutionContext context) {
        return HttpFunctions.handle(request, () -> {
            Caller caller = Access.signedIn(request);
            return cancelReservation.apply(new CancelReservationCommand(reservationId(id), caller.userId()))
                    .map(outcome -> cancelled(request, id, outcome))
                    .orElseGet(() -> HttpFunctions.notFound(request, "reservation " + id));
        });
    }

    private static HttpResponseMessage cancelled(HttpRequestMessage<?> request, String id, CancelOutcome outcome) {
        if (outcome instanceof CancelOutcome.Cancelled c) {
            return HttpFunctions.json(request, HttpStatus.ACCEPTED, ReservationResource.of(c.transition().reservation()));
        }
        if (outcome instanceof CancelOutcome.AlreadyCancelled a) {
            return HttpFunctions.json(request, HttpStatus.ACCEPTED, ReservationResource.of(a.reservation()));
        }
        CancelOutcome.NotCancellable n = (CancelOutcome.NotCancellable) outcome;
        return HttpFunctions.problem(request, Problem.of(409, "Not cancellable",
                "reservation " + id + " is " + n.reservation().status() + " and can no longer be cancelled"));
    }

    /** The body's userId may be left out (the caller); when given it must be the caller's own. */
    private static UserId customer(ObjectNode body, Caller caller) {
        if (body.get("userId") == null || body.get("userId").isNull()) {
            return caller.userId();
        }
        UserId named = new UserId(HttpFunctions.requiredText(body, "userId", UserId::isValid, UserId.RULE));
        Access.requireSelf(caller, named);
        return named;
    }

    private static UUID reservationId(String id) {
        try {
            return UUID.fromString(HttpFunctions.checked("id", id, v -> v.length() == 36, "a reservation id (UUID)"));
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException("id", "must be a reservation id (UUID)");
        }
    }
}
