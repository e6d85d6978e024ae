package dev.flights.reserve.functions;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.microsoft.azure.functions.HttpResponseMessage;
import dev.flights.contract.codec.EventCodec;
import dev.flights.platform.inprocess.FaultInjectingDocumentStore;
import dev.flights.platform.inprocess.InMemoryDocumentStore;
import dev.flights.platform.inprocess.InProcessExecutionContext;
import dev.flights.platform.inprocess.InProcessHttpRequest;
import dev.flights.reserve.adapter.ReservationDocuments;
import dev.flights.reserve.application.CancelReservation;
import dev.flights.reserve.application.GetReservation;
import dev.flights.reserve.application.ReserveSeat;
import dev.flights.reserve.application.TicketSettings;
import java.time.Clock;
import java.util.Map;
import java.util.UUID;
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
            "{}|userId",
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
        HttpResponseMessage malformed = functions.get(InProcessHttpRequest.get("/api/reservations/x", Map.of()), "x",
                InProcessExecutionContext.of("getReservation"));
        String unknown = UUID.randomUUID().toString();
        HttpResponseMessage missing = functions.cancel(
                InProcessHttpRequest.post("/api/reservations/" + unknown + "/cancel", null, Map.of()), unknown,
                InProcessExecutionContext.of("cancelReservation"));

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

    private HttpResponseMessage reserve(String body) {
        return functions.reserve(InProcessHttpRequest.post("/api/reservations", body, Map.of()),
                InProcessExecutionContext.of("reserve"));
    }

    private static JsonNode json(HttpResponseMessage response) throws Exception {
        return EventCodec.json().readTree((String) response.getBody());
    }

    private static ReservationFunctions functionsOn(FaultInjectingDocumentStore store) {
        ReservationDocuments reservations = new ReservationDocuments(store);
        Clock clock = Clock.systemUTC();
        return new ReservationFunctions(new ReserveSeat(reservations, new TicketSettings(100), clock),
                new GetReservation(reservations), new CancelReservation(reservations, clock));
    }
}
