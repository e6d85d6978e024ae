package dev.flights.reserve.functions;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.microsoft.azure.functions.HttpResponseMessage;
import dev.flights.contract.codec.EventCodec;
import dev.flights.platform.inprocess.FaultInjectingDocumentStore;
import dev.flights.platform.inprocess.InMemoryDocumentStore;
import dev.flights.platform.inprocess.InProcessExecutionContext;
import dev.flights.platform.inprocess.InProcessHttpRequest;
import dev.flights.platform.outbox.OutboxWriter;
import dev.flights.platform.testing.SignedIn;
import dev.flights.reserve.adapter.ReservationDocuments;
import dev.flights.reserve.application.CancelReservation;
import dev.flights.reserve.application.GetReservation;
import dev.flights.reserve.application.ReserveSeat;
import dev.flights.reserve.application.TicketSettings;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.UnaryOperator;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class ReservationFunctionsTest {

    private final FaultInjectingDocumentStore store = new FaultInjectingDocumentStore(new InMemoryDocumentStore());
    private final ReservationFunctions functions = functionsOn(store);

    @Test
    void aReservationIsAcceptedWith202AndALocation() throws Exception {
        HttpResponseMessage response = reserve("{\"userId\":\"ew\",\"flightId\":\"KE123\"}");

        JsonNode body = json(response);
        assertThat(response.getStatusCode()).isEqualTo(202);
        assertThat(body.path("status").asText()).isEqualTo("REQUESTED");
        assertThat(body.path("price").asLong()).isEqualTo(100);
        assertThat(response.getHeader("Location")).isEqualTo("/api/reservations/" + body.path("reservationId").asText());
    }

    @ParameterizedTest(name = "{0} -> 400 naming {1}")
    @CsvSource(delimiter = '|', value = {
            "''|body",
            "not json|body",
            "[1,2]|body",
            "{}|flightId",
            "{\"userId\":\"\",\"flightId\":\"KE1\"}|userId",
            "{\"userId\":\"a b\",\"flightId\":\"KE1\"}|userId",
            "{\"userId\":42,\"flightId\":\"KE1\"}|userId",
            "{\"userId\":\"ew\"}|flightId",
            "{\"userId\":\"ew\",\"flightId\":\"K\"}|flightId",
            "{\"userId\":\"ew\",\"flightId\":null}|flightId"})
    void badInputIsAProblemNamingTheFieldAndStoresNothing(String body, String field) throws Exception {
        HttpResponseMessage response = reserve(body);

        assertThat(response.getStatusCode()).isEqualTo(400);
        assertThat(response.getHeader("Content-Type")).isEqualTo("application/problem+json");
        assertThat(json(response).path("errors").get(0).path("field").asText()).isEqualTo(field);
        assertThat(store.container("reservations").readChanges(null, 10).documents()).isEmpty();
    }

    @Test
    void aMalformedReservationIdIsA400AndAnUnknownOneA404() throws Exception {
        HttpResponseMessage malformed = get("x", EW);
        String unknown = UUID.randomUUID().toString();
        HttpResponseMessage missing = cancel(unknown, EW);

        assertThat(malformed.getStatusCode()).isEqualTo(400);
        assertThat(json(malformed).path("errors").get(0).path("field").asText()).isEqualTo("id");
        assertThat(missing.getStatusCode()).isEqualTo(404);
    }

    @Test
    void anUnavailableStoreIsA503WithRetryAfterNotA500() {
        store.setFailing(true);

        HttpResponseMessage response = reserve("{\"userId\":\"ew\",\"flightId\":\"KE123\"}");

        assertThat(response.getStatusCode()).isEqualTo(503);
        assertThat(response.getHeader("Retry-After")).isNotBlank();
    }

    @Test
    void theUserIdMayBeLeftOutAndIsThenTheSignedInCustomer() throws Exception {
        HttpResponseMessage response = reserve("{\"flightId\":\"KE123\"}");

        assertThat(response.getStatusCode()).isEqualTo(202);
        assertThat(json(response).path("userId").asText()).isEqualTo("ew");
    }

    @Test
    void nobodySignedInIsA401OnEveryRouteAndNothingIsStored() throws Exception {
        String id = reservationId(reserve("{\"flightId\":\"KE123\"}"));
        int stored = storedChanges();

        HttpResponseMessage reserve = functions.reserve(InProcessHttpRequest.post("/api/reservations",
                "{\"userId\":\"ew\",\"flightId\":\"KE1\"}", Map.of()), InProcessExecutionContext.of("reserve"));
        HttpResponseMessage forged = functions.reserve(InProcessHttpRequest.post("/api/reservations",
                "{\"flightId\":\"KE1\"}", Map.of("X-MS-CLIENT-PRINCIPAL-ID", "ew", "X-MS-CLIENT-PRINCIPAL-NAME", "ew")),
                InProcessExecutionContext.of("reserve"));
        HttpResponseMessage get = get(id, NOBODY);
        HttpResponseMessage cancel = cancel(id, NOBODY);

        assertThat(List.of(reserve, forged, get, cancel)).allSatisfy(response -> {
            assertThat(response.getStatusCode()).isEqualTo(401);
            assertThat(response.getHeader("Content-Type")).isEqualTo("application/problem+json");
        });
        assertThat(storedChanges()).isEqualTo(stored);
    }

    @Test
    void reservingForAnotherCustomerIsA403AndStoresNothingEvenForAnOperator() {
        HttpResponseMessage customer = reserve("{\"userId\":\"bob\",\"flightId\":\"KE1\"}");
        HttpResponseMessage operator = functions.reserve(SignedIn.asAdmin(InProcessHttpRequest.post(
                "/api/reservations", "{\"userId\":\"bob\",\"flightId\":\"KE1\"}", Map.of())),
                InProcessExecutionContext.of("reserve"));

        assertThat(customer.getStatusCode()).isEqualTo(403);
        assertThat(customer.getHeader("Content-Type")).isEqualTo("application/problem+json");
        assertThat(operator.getStatusCode()).isEqualTo(403);
        assertThat(storedChanges()).isZero();
    }

    @Test
    void anotherCustomersReservationIsNotFoundToReadOrCancelAndStaysAsItWas() throws Exception {
        String id = reservationId(reserve("{\"flightId\":\"KE123\"}"));
        int stored = storedChanges();

        assertThat(get(id, BOB).getStatusCode()).isEqualTo(404);
        HttpResponseMessage cancel = cancel(id, BOB);

        assertThat(cancel.getStatusCode()).isEqualTo(404);
        assertThat(cancel.getHeader("Content-Type")).isEqualTo("application/problem+json");
        assertThat(json(cancel).path("detail").asText()).isEqualTo("reservation " + id + " does not exist");
        assertThat(storedChanges()).isEqualTo(stored);
        assertThat(json(get(id, EW)).path("status").asText()).isEqualTo("REQUESTED");
    }

    @Test
    void anOperatorReadsAnyReservationButCancelsOnlyTheirOwn() throws Exception {
        String id = reservationId(reserve("{\"flightId\":\"KE123\"}"));

        HttpResponseMessage read = get(id, SignedIn::asAdmin);
        HttpResponseMessage cancel = cancel(id, SignedIn::asAdmin);

        assertThat(read.getStatusCode()).isEqualTo(200);
        assertThat(json(read).path("userId").asText()).isEqualTo("ew");
        assertThat(cancel.getStatusCode()).isEqualTo(404);
        assertThat(json(get(id, EW)).path("status").asText()).isEqualTo("REQUESTED");
    }

    private static final UnaryOperator<InProcessHttpRequest> EW = r -> SignedIn.as("ew", r);
    private static final UnaryOperator<InProcessHttpRequest> BOB = r -> SignedIn.as("bob", r);
    private static final UnaryOperator<InProcessHttpRequest> NOBODY = r -> r;

    private HttpResponseMessage reserve(String body) {
        return functions.reserve(SignedIn.as("ew", InProcessHttpRequest.post("/api/reservations", body, Map.of())),
                InProcessExecutionContext.of("reserve"));
    }

    private HttpResponseMessage get(String id, UnaryOperator<InProcessHttpRequest> as) {
        return functions.get(as.apply(InProcessHttpRequest.get("/api/reservations/" + id, Map.of())), id,
                InProcessExecutionContext.of("getReservation"));
    }

    private HttpResponseMessage cancel(String id, UnaryOperator<InProcessHttpRequest> as) {
        return functions.cancel(as.apply(InProcessHttpRequest.post("/api/reservations/" + id + "/cancel", null,
                Map.of())), id, InProcessExecutionContext.of("cancelReservation"));
    }

    private int storedChanges() {
        return store.container("reservations").readChanges(null, 1000).documents().size();
    }

    private static String reservationId(HttpResponseMessage response) throws Exception {
        assertThat(response.getStatusCode()).isEqualTo(202);
        return json(response).path("reservationId").asText();
    }

    private static JsonNode json(HttpResponseMessage response) throws Exception {
        return EventCodec.json().readTree((String) response.getBody());
    }

    private static ReservationFunctions functionsOn(FaultInjectingDocumentStore store) {
        ReservationDocuments reservations = new ReservationDocuments(store, OutboxWriter.relayOnly());
        Clock clock = Clock.systemUTC();
        return new ReservationFunctions(new ReserveSeat(reservations, new TicketSettings(100), clock),
                new GetReservation(reservations), new CancelReservation(reservations, clock));
    }
}
