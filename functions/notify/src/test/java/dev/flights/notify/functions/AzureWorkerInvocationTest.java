package dev.flights.notify.functions;

import static dev.flights.notify.SagaEvents.aReservation;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.microsoft.azure.functions.HttpResponseMessage;
import dev.flights.contract.codec.EventCodec;
import dev.flights.notify.NotifyApplication;
import dev.flights.notify.SagaEvents;
import dev.flights.platform.correlation.Correlation;
import dev.flights.platform.inprocess.InProcessExecutionContext;
import dev.flights.platform.inprocess.InProcessHttpRequest;
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
        System.setProperty("MAIN_CLASS", NotifyApplication.class.getName());
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
    void theInjectedFunctionClassListsWhatTheInjectedTopicFunctionWasTold() throws Exception {
        SagaEvents reservation = aReservation().by("azure-worker");
        INJECTOR.getInstance(NotificationEventFunctions.class).onSagaEvent(
                EventCodec.encode(reservation.confirmed(), "/apps/reserve", "corr-azure-worker"),
                InProcessExecutionContext.of("notifyOnSagaEvent"));

        HttpResponseMessage response = list(Map.of("userId", "azure-worker"));

        assertThat(response.getStatusCode()).isEqualTo(200);
        assertThat(json(response).get("items")).singleElement()
                .satisfies(item -> assertThat(item.path("type").asText()).isEqualTo("ReservationConfirmed"));
    }

    @Test
    void theInjectedFunctionClassListsNothingForSomeoneWithoutNotifications() throws Exception {
        HttpResponseMessage response = list(Map.of("userId", "nobody-here"));

        assertThat(response.getStatusCode()).isEqualTo(200);
        assertThat(json(response).get("items")).isEmpty();
    }

    @Test
    void theInjectedFunctionClassAnswersAMissingUserWithAProblem() throws Exception {
        HttpResponseMessage response = list(Map.of());

        assertThat(response.getStatusCode()).isEqualTo(400);
        assertThat(response.getHeader("Content-Type")).isEqualTo("application/problem+json");
        assertThat(json(response).path("errors").get(0).path("field").asText()).isEqualTo("userId");
    }

    private static HttpResponseMessage list(Map<String, String> query) throws Exception {
        return INJECTOR.getInstance(NotificationFunctions.class).list(
                InProcessHttpRequest.get("/api/notifications", query), InProcessExecutionContext.of("listNotifications"));
    }

    private static JsonNode json(HttpResponseMessage response) throws Exception {
        return EventCodec.json().readTree((String) response.getBody());
    }
}
