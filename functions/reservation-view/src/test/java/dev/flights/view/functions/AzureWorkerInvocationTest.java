package dev.flights.view.functions;

import static dev.flights.view.ReservationVersions.aReservation;
import static dev.flights.view.ReservationVersions.changes;
import static dev.flights.platform.testing.AzureWorker.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.azure.functions.HttpResponseMessage;
import dev.flights.platform.inprocess.InProcessExecutionContext;
import dev.flights.platform.inprocess.InProcessHttpRequest;
import dev.flights.platform.testing.SignedIn;
import dev.flights.platform.testing.AzureWorker;
import dev.flights.view.ReservationVersions;
import dev.flights.view.ReservationViewApplication;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import dev.flights.platform.testing.DebugLogging;
import dev.flights.platform.testing.RecordingExecutionContext;

/** The function classes as the Azure Java worker gets them (see {@link AzureWorker}). */
class AzureWorkerInvocationTest {

    @RegisterExtension
    static final AzureWorker WORKER = AzureWorker.forApp(ReservationViewApplication.class);

    @Test
    void theInjectedFunctionClassListsWhatTheInjectedChangeFeedFunctionProjected() throws Exception {
        ReservationVersions reservation = aReservation().by("azure-worker").version(2, "CONFIRMED");
        WORKER.instance(ReservationViewFunctions.class).project(changes(reservation.document()),
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

    @Test
    void theAppsLogLinesReachTheInvocationsLogger() throws Exception {
        ReservationVersions reservation = aReservation().by("logged").version(3, "CONFIRMED");
        RecordingExecutionContext invocation = new RecordingExecutionContext("projectReservationView");

        DebugLogging.during(() -> WORKER.instance(ReservationViewFunctions.class).project(
                changes(reservation.document()), invocation));

        // a change-feed batch carries no correlation id: the line says so with "-"
        assertThat(invocation.messages()).anySatisfy(line -> assertThat(line)
                .startsWith("[-] UpdateViewOnReservationChanged: reservation ").endsWith(" shows CONFIRMED (version 3)"));
    }

    private static HttpResponseMessage list(Map<String, String> query) throws Exception {
        return WORKER.instance(ReservationListFunctions.class).list(
                SignedIn.asAdmin(InProcessHttpRequest.get("/api/reservations", query)), InProcessExecutionContext.of("listReservations"));
    }

}
