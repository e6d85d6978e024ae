package dev.flights.view.functions;

import static dev.flights.view.ReservationVersions.NOON;
import static dev.flights.view.ReservationVersions.aReservation;
import static dev.flights.view.ReservationVersions.changes;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.microsoft.azure.functions.HttpResponseMessage;
import dev.flights.contract.codec.EventCodec;
import dev.flights.platform.correlation.Correlation;
import dev.flights.platform.inprocess.InMemoryDocumentStore;
import dev.flights.platform.inprocess.InProcessExecutionContext;
import dev.flights.platform.inprocess.InProcessHttpRequest;
import dev.flights.platform.testing.SignedIn;
import dev.flights.view.ReservationVersions;
import dev.flights.view.adapter.ReservationChangeFeed;
import dev.flights.view.adapter.ReservationViewDocuments;
import dev.flights.view.application.ListReservations;
import dev.flights.view.application.UpdateViewOnReservationChanged;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ReservationViewFunctionsTest {

    private final ReservationViewDocuments views = new ReservationViewDocuments(new InMemoryDocumentStore());
    private final ReservationViewFunctions changeFeed = new ReservationViewFunctions(new ReservationChangeFeed(),
            new UpdateViewOnReservationChanged(views));
    private final ReservationListFunctions http = new ReservationListFunctions(new ListReservations(views));

    @AfterEach
    void forgetTheCorrelationId() {
        Correlation.clear();
    }

    @Test
    void listsTheLatestVersionAfterTheFeedDeliveredVersionsThreeOneTwo() throws Exception {
        ReservationVersions reservation = aReservation().by("ew");
        project(changes(reservation.version(3, "TICKETED").document()));
        project(changes(reservation.version(1, "REQUESTED").document(), reservation.outboxDocument()));
        project(changes(reservation.version(2, "CONFIRMED").document()));

        HttpResponseMessage response = list(Map.of("userId", "ew"));

        assertThat(response.getStatusCode()).isEqualTo(200);
        assertThat(response.getHeader("Content-Type")).isEqualTo("application/json");
        JsonNode item = body(response).get("items").get(0);
        assertThat(body(response).get("items")).hasSize(1);
        assertThat(item.path("reservationId").asText()).isEqualTo(reservation.id().toString());
        assertThat(item.path("flightId").asText()).isEqualTo("KE123");
        assertThat(item.path("status").asText()).isEqualTo("TICKETED");
        assertThat(item.path("price").asLong()).isEqualTo(100);
        assertThat(item.path("ticketNumber").asText()).isEqualTo("TK-0123456789");
        assertThat(item.path("refunded").asBoolean()).isFalse();
        assertThat(item.has("paymentRetryAt")).isTrue();
        assertThat(item.path("createdAt").asText()).isEqualTo("2025-06-01T12:00:00Z");
        assertThat(item.path("updatedAt").asText()).isEqualTo("2025-06-01T12:00:03Z");
    }

    @Test
    void listsACustomersReservationsNewestFirst() throws Exception {
        ReservationVersions older = aReservation().by("ew").createdAt(NOON);
        ReservationVersions newer = aReservation().by("ew").createdAt(NOON.plusSeconds(60));
        project(changes(newer.document(), older.document(), aReservation().by("other").document()));

        JsonNode items = body(list(Map.of("userId", "ew"))).get("items");

        assertThat(items).extracting(i -> i.path("reservationId").asText())
                .containsExactly(newer.id().toString(), older.id().toString());
    }


    @Test
    void leftOutTheUserIdIsTheSignedInCustomer() throws Exception {
        project(changes(aReservation().by("ew").createdAt(NOON).document()));

        HttpResponseMessage response = list(Map.of());

        assertThat(response.getStatusCode()).isEqualTo(200);
        assertThat(body(response).get("items")).hasSize(1);
    }

    @Test
    void nobodySignedInIsA401AndAForgedPrincipalIdIsNobody() throws Exception {
        HttpResponseMessage anonymous = listAs(request -> request, Map.of("userId", "ew"));
        HttpResponseMessage forged = listAs(request -> request.withHeaders(Map.of("X-MS-CLIENT-PRINCIPAL-ID", "ew")),
                Map.of("userId", "ew"));

        for (HttpResponseMessage response : new HttpResponseMessage[] {anonymous, forged}) {
            assertThat(response.getStatusCode()).isEqualTo(401);
            assertThat(response.getHeader("Content-Type")).isEqualTo("application/problem+json");
        }
    }

    @Test
    void anotherCustomersListIsA403AndAnOperatorReadsIt() throws Exception {
        project(changes(aReservation().by("ew").createdAt(NOON).document()));

        HttpResponseMessage other = listAs(request -> SignedIn.as("mallory", request), Map.of("userId", "ew"));
        HttpResponseMessage operator = listAs(SignedIn::asAdmin, Map.of("userId", "ew"));

        assertThat(other.getStatusCode()).isEqualTo(403);
        assertThat(other.getHeader("Content-Type")).isEqualTo("application/problem+json");
        assertThat(body(other).has("items")).isFalse();
        assertThat(operator.getStatusCode()).isEqualTo(200);
        assertThat(body(operator).get("items")).hasSize(1);
    }

    @Test
    void answersAProblemNamingUserIdWhenItBreaksTheRule() throws Exception {
        assertProblemNamingUserId(list(Map.of("userId", "e w")));
    }

    private void project(String changes) {
        changeFeed.project(changes, InProcessExecutionContext.of("projectReservationView"));
    }

    /** Signed in as ew. */
    private HttpResponseMessage list(Map<String, String> query) {
        return listAs(request -> SignedIn.as("ew", request), query);
    }

    private HttpResponseMessage listAs(UnaryOperator<InProcessHttpRequest> caller, Map<String, String> query) {
        return http.list(caller.apply(InProcessHttpRequest.get("/api/reservations", query)),
                InProcessExecutionContext.of("listReservations"));
    }

    private static void assertProblemNamingUserId(HttpResponseMessage response) throws Exception {
        assertThat(response.getStatusCode()).isEqualTo(400);
        assertThat(response.getHeader("Content-Type")).isEqualTo("application/problem+json");
        JsonNode problem = body(response);
        assertThat(problem.path("errors").get(0).path("field").asText()).isEqualTo("userId");
        assertThat(problem.path("detail").asText()).startsWith("userId ");
    }

    private static JsonNode body(HttpResponseMessage response) throws Exception {
        return EventCodec.json().readTree((String) response.getBody());
    }
}
