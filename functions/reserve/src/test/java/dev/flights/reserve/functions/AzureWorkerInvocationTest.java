package dev.flights.reserve.functions;

import static dev.flights.platform.testing.AzureWorker.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.microsoft.azure.functions.HttpResponseMessage;
import dev.flights.platform.inprocess.InProcessExecutionContext;
import dev.flights.platform.inprocess.InProcessHttpRequest;
import dev.flights.platform.testing.SignedIn;
import dev.flights.platform.testing.AzureWorker;
import dev.flights.reserve.ReserveApplication;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import dev.flights.platform.testing.DebugLogging;
import dev.flights.platform.testing.RecordingExecutionContext;

/** The function classes as the Azure Java worker gets them (see {@link AzureWorker}). */
class AzureWorkerInvocationTest {

    @RegisterExtension
    static final AzureWorker WORKER = AzureWorker.forApp(ReserveApplication.class);

    @Test
    void theInjectedFunctionClassAcceptsAReservation() throws Exception {
        HttpResponseMessage response = reserve("{\"userId\":\"ew\",\"flightId\":\"KE123\"}");

        JsonNode body = json(response);
        assertThat(response.getStatusCode()).isEqualTo(202);
        assertThat(body.path("status").asText()).isEqualTo("REQUESTED");
        assertThat(response.getHeader("Location")).isEqualTo("/api/reservations/" + body.path("reservationId").asText());
    }

    @Test
    void theInjectedFunctionClassAnswersBadInputWithAProblem() throws Exception {
        HttpResponseMessage response = reserve("{\"userId\":\"a b\",\"flightId\":\"KE123\"}");

        assertThat(response.getStatusCode()).isEqualTo(400);
        assertThat(response.getHeader("Content-Type")).isEqualTo("application/problem+json");
        assertThat(json(response).path("errors").get(0).path("field").asText()).isEqualTo("userId");
    }

    @Test
    void everyInvocationGetsTheBeanOfTheOneContext() throws Exception {
        assertThat(WORKER.instance(ReservationFunctions.class))
                .isSameAs(WORKER.instance(ReservationFunctions.class));
    }

    @Test
    void theAppsLogLinesReachTheInvocationsLoggerWithTheRequestsCorrelationId() throws Exception {
        RecordingExecutionContext invocation = new RecordingExecutionContext("reserve");

        DebugLogging.during(() -> WORKER.instance(ReservationFunctions.class).reserve(SignedIn.as("ew",
                InProcessHttpRequest.post("/api/reservations", "{\"userId\":\"ew\",\"flightId\":\"KE123\"}",
                        Map.of("Content-Type", "application/json", "x-correlation-id", "corr-reserve-log"))),
                invocation));

        assertThat(invocation.messages()).anySatisfy(line -> assertThat(line)
                .startsWith("[corr-reserve-log] ReserveSeat: reservation ").endsWith(" requested by ew on KE123"));
    }

    private static HttpResponseMessage reserve(String body) throws Exception {
        return WORKER.instance(ReservationFunctions.class).reserve(
                SignedIn.as("ew", InProcessHttpRequest.post("/api/reservations", body,
                        Map.of("Content-Type", "application/json"))),
                InProcessExecutionContext.of("reserve"));
    }

}
