package dev.flights.notify.functions;

import static dev.flights.notify.SagaEvents.aReservation;
import static dev.flights.platform.testing.AzureWorker.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.azure.functions.HttpResponseMessage;
import dev.flights.contract.codec.EventCodec;
import dev.flights.notify.NotifyApplication;
import dev.flights.notify.SagaEvents;
import dev.flights.platform.inprocess.InProcessExecutionContext;
import dev.flights.platform.inprocess.InProcessHttpRequest;
import dev.flights.platform.testing.SignedIn;
import dev.flights.platform.testing.AzureWorker;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import dev.flights.platform.testing.RecordingExecutionContext;

/** The function classes as the Azure Java worker gets them (see {@link AzureWorker}). */
class AzureWorkerInvocationTest {

    @RegisterExtension
    static final AzureWorker WORKER = AzureWorker.forApp(NotifyApplication.class);

    @Test
    void theInjectedFunctionClassListsWhatTheInjectedTopicFunctionWasTold() throws Exception {
        SagaEvents reservation = aReservation().by("azure-worker");
        WORKER.instance(NotificationEventFunctions.class).onSagaEvent(
                EventCodec.encode(reservation.confirmed(), "/apps/reserve", "corr-azure-worker"),
                "message-1", InProcessExecutionContext.of("notifyOnSagaEvent"));

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
    void theInjectedFunctionClassAnswersAnInvalidUserWithAProblem() throws Exception {
        HttpResponseMessage response = list(Map.of("userId", "a b"));

        assertThat(response.getStatusCode()).isEqualTo(400);
        assertThat(response.getHeader("Content-Type")).isEqualTo("application/problem+json");
        assertThat(json(response).path("errors").get(0).path("field").asText()).isEqualTo("userId");
    }

    @Test
    void theAppsLogLinesReachTheInvocationsLoggerWithTheEventsCorrelationId() throws Exception {
        SagaEvents reservation = aReservation().by("logged");
        RecordingExecutionContext invocation = new RecordingExecutionContext("notifyOnSagaEvent");

        WORKER.instance(NotificationEventFunctions.class).onSagaEvent(
                EventCodec.encode(reservation.confirmed(), "/apps/reserve", "corr-notify-log"), "message-log", invocation);

        assertThat(invocation.messages()).isNotEmpty()
                .allSatisfy(line -> assertThat(line).startsWith("[corr-notify-log] "))
                .anySatisfy(line -> assertThat(line).startsWith("[corr-notify-log] LogChannel: notify logged: "));
    }

    private static HttpResponseMessage list(Map<String, String> query) throws Exception {
        return WORKER.instance(NotificationFunctions.class).list(
                SignedIn.asAdmin(InProcessHttpRequest.get("/api/notifications", query)), InProcessExecutionContext.of("listNotifications"));
    }

}
