package dev.flights.reserve.functions;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.microsoft.azure.functions.HttpResponseMessage;
import dev.flights.contract.codec.EventCodec;
import dev.flights.platform.inprocess.InProcessExecutionContext;
import dev.flights.platform.inprocess.InProcessHttpRequest;
import dev.flights.reserve.ReserveApplication;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.cloud.function.adapter.azure.AzureFunctionInstanceInjector;

/**
 * The function class as the Azure Java worker gets it: through the Spring adapter's instance injector, which finds
 * the app through MAIN_CLASS (the environment variable, else this system property, else the manifest's
 * Start-Class). The injector keeps one static Spring context per JVM, so this is the only test of this module
 * that uses it; surefire runs each module in its own JVM.
 */
class AzureWorkerInvocationTest {

    private static final AzureFunctionInstanceInjector INJECTOR = new AzureFunctionInstanceInjector();

    @BeforeAll
    static void theAppIsNamedAsTheWorkerNamesIt() {
        System.setProperty("MAIN_CLASS", ReserveApplication.class.getName());
    }

    @AfterAll
    static void forgetTheMainClass() {
        System.clearProperty("MAIN_CLASS");
    }

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
        HttpResponseMessage response = reserve("{\"flightId\":\"KE123\"}");

        assertThat(response.getStatusCode()).isEqualTo(400);
        assertThat(response.getHeader("Content-Type")).isEqualTo("application/problem+json");
        assertThat(json(response).path("errors").get(0).path("field").asText()).isEqualTo("userId");
    }

    @Test
    void everyInvocationGetsTheBeanOfTheOneContext() throws Exception {
        assertThat(INJECTOR.getInstance(ReservationFunctions.class))
                .isSameAs(INJECTOR.getInstance(ReservationFunctions.class));
    }

    private static HttpResponseMessage reserve(String body) throws Exception {
        return INJECTOR.getInstance(ReservationFunctions.class).reserve(
                InProcessHttpRequest.post("/api/reservations", body, Map.of("Content-Type", "application/json")),
                InProcessExecutionContext.of("reserve"));
    }

    private static JsonNode json(HttpResponseMessage response) throws Exception {
        return EventCodec.json().readTree((String) response.getBody());
    }
}
