package dev.flights.view.functions;

import static dev.flights.view.ReservationVersions.aReservation;
import static dev.flights.view.ReservationVersions.changes;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.microsoft.azure.functions.HttpResponseMessage;
import dev.flights.contract.codec.EventCodec;
import dev.flights.platform.correlation.Correlation;
import dev.flights.platform.inprocess.InProcessExecutionContext;
import dev.flights.platform.inprocess.InProcessHttpRequest;
import dev.flights.view.ReservationVersions;
import dev.flights.view.ReservationViewApplication;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
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
        System.setProperty("MAIN_CLASS", ReservationViewApplication.class.getName());
    }

    @AfterAll
    static void forgetTheMainClass() {
        System.clearProperty("MAIN_CLASS");
    }

    @AfterEach
    void forgetTheCorrelationId() {
        Correlation.clear();
    }

    @Test
    void theInjectedFunctionClassListsWhatTheInjectedChangeFeedFunctionProjected() throws Exception {
        ReservationVersions reservation = aReservation().by("azure-worker").version(2, "CONFIRMED");
        INJECTOR.getInstance(ReservationViewFunctions.class).project(changes(reservation.document()),
                InProcessExecutionContext.of("projectReservationView"));

        HttpResponseMessage response = list(Map.of("userId", "azure-worker"));

        assertThat(response.getStatusCode()).isEqualTo(200);
        assertThat(json(response).get("items")).singleElement()
                .satisfies(item -> assertThat(item.path("status").asText()).isEqualTo("CONFIRMED"));
    }

    @Test
    void theInjectedFunctionClassAnswersAnInvalidUserWithAProblem() throws Exception {
        HttpResponseMessage response = list(Map.of("userId", "a b"));

        assertThat(response.getStatusCode()).isEqualTo(400);
        assertThat(response.getHeader("Content-Type")).isEqualTo("application/problem+json");
        assertThat(json(response).path("errors").get(0).path("field").asText()).isEqualTo("userId");
    }

    private static HttpResponseMessage list(Map<String, String> query) throws Exception {
        return INJECTOR.getInstance(ReservationListFunctions.class).list(
                InProcessHttpRequest.get("/api/reservations", query), InProcessExecutionContext.of("listReservations"));
    }

    private static JsonNode json(HttpResponseMessage response) throws Exception {
        return EventCodec.json().readTree((String) response.getBody());
    }
}
