package dev.flights.notify.functions;

import static dev.flights.notify.SagaEvents.NOON;
import static dev.flights.notify.SagaEvents.aReservation;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.microsoft.azure.functions.HttpResponseMessage;
import dev.flights.contract.codec.EventCodec;
import dev.flights.contract.events.SagaEvent;
import dev.flights.notify.RecordingTopic;
import dev.flights.notify.SagaEvents;
import dev.flights.notify.adapter.NotificationDocuments;
import dev.flights.notify.application.ListNotifications;
import dev.flights.notify.application.NotifyOnSagaEvent;
import dev.flights.notify.application.RetryWebhookOnDeliveryDue;
import dev.flights.notify.application.WebhookDeliveries;
import dev.flights.notify.application.WebhookSettings;
import dev.flights.platform.correlation.Correlation;
import dev.flights.platform.inprocess.InMemoryDocumentStore;
import dev.flights.platform.inprocess.InProcessExecutionContext;
import dev.flights.platform.inprocess.InProcessHttpRequest;
import dev.flights.platform.testing.SignedIn;
import dev.flights.platform.messaging.DeferringConsumer;
import dev.flights.platform.messaging.MessageRetrySettings;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class NotificationFunctionsTest {

    private final NotificationDocuments notifications = new NotificationDocuments(new InMemoryDocumentStore());
    private final WebhookDeliveries noWebhook = new WebhookDeliveries(Optional.empty(), notifications,
            new RecordingTopic(), WebhookSettings.off(), Clock.systemUTC());
    private final NotificationEventFunctions topic = new NotificationEventFunctions(
            new DeferringConsumer(new RecordingTopic(), MessageRetrySettings.defaults(), Clock.systemUTC()),
            new NotifyOnSagaEvent(notifications, List.of(), noWebhook),
            new RetryWebhookOnDeliveryDue(notifications, noWebhook));
    private final NotificationFunctions http = new NotificationFunctions(new ListNotifications(notifications));

    @AfterEach
    void forgetTheCorrelationId() {
        Correlation.clear();
    }


    @Test
    void leftOutTheUserIdIsTheSignedInCustomer() throws Exception {
        deliver(aReservation().by("ew").at(NOON).paymentApproved(100, 50));

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
        deliver(aReservation().by("ew").at(NOON).paymentApproved(100, 50));

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
        HttpResponseMessage response = list(Map.of("userId", "../etc/passwd"));

        assertProblemNamingUserId(response);
    }

    @Test
    void answersTheCustomersNotificationsNewestFirst() throws Exception {
        SagaEvents reservation = aReservation().by("ew");
        deliver(reservation.at(NOON).paymentApproved(100, 50));
        deliver(reservation.at(NOON.plusSeconds(5)).ticketIssued("TK-0123456789"));

        HttpResponseMessage response = list(Map.of("userId", "ew"));

        assertThat(response.getStatusCode()).isEqualTo(200);
        assertThat(response.getHeader("Content-Type")).isEqualTo("application/json");
        JsonNode items = body(response).get("items");
        assertThat(items).hasSize(2);
        assertThat(items.get(0).path("type").asText()).isEqualTo("TicketIssued");
        assertThat(items.get(1).path("message").asText())
                .isEqualTo("Payment of 100 approved for reservation " + reservation.id() + "; balance 50.");
        assertThat(items.get(1).path("reservationId").asText()).isEqualTo(reservation.id().toString());
        assertThat(items.get(1).path("occurredAt").asText()).isEqualTo("2025-06-01T12:00:00Z");
        assertThat(items.get(1).path("correlationId").asText()).isEqualTo("corr-1");
    }

    @Test
    void answersAnEmptyListForACustomerWithoutNotifications() throws Exception {
        HttpResponseMessage response = listAs(request -> SignedIn.as("nobody", request), Map.of("userId", "nobody"));

        assertThat(response.getStatusCode()).isEqualTo(200);
        assertThat(body(response).get("items")).isEmpty();
    }

    private void deliver(SagaEvent event) {
        topic.onSagaEvent(EventCodec.encode(event, "/apps/test", "corr-1"),
                "message-1", InProcessExecutionContext.of("notifyOnSagaEvent"));
    }

    /** Signed in as ew. */
    private HttpResponseMessage list(Map<String, String> query) {
        return listAs(request -> SignedIn.as("ew", request), query);
    }

    private HttpResponseMessage listAs(UnaryOperator<InProcessHttpRequest> caller, Map<String, String> query) {
        return http.list(caller.apply(InProcessHttpRequest.get("/api/notifications", query)),
                InProcessExecutionContext.of("listNotifications"));
    }

    private static void assertProblemNamingUserId(HttpResponseMessage response) throws Exception {
        assertThat(response.getStatusCode()).isEqualTo(400);
        assertThat(response.getHeader("Content-Type")).isEqualTo("application/problem+json");
        JsonNode problem = body(response);
        assertThat(problem.path("status").asInt()).isEqualTo(400);
        assertThat(problem.path("errors").get(0).path("field").asText()).isEqualTo("userId");
        assertThat(problem.path("errors").get(0).path("rule").asText()).contains("letters, digits");
    }

    private static JsonNode body(HttpResponseMessage response) throws Exception {
        return EventCodec.json().readTree((String) response.getBody());
    }
}
