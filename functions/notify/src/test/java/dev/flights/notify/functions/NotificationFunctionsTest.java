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
import dev.flights.notify.application.Webhook;
import dev.flights.notify.application.WebhookOutcome;
import dev.flights.notify.application.WebhookDeliveries;
import dev.flights.notify.application.WebhookSettings;
import dev.flights.notify.domain.Language;
import dev.flights.platform.correlation.Correlation;
import dev.flights.platform.inprocess.InMemoryDocumentStore;
import dev.flights.platform.inprocess.InProcessExecutionContext;
import dev.flights.platform.inprocess.InProcessHttpRequest;
import dev.flights.platform.testing.CustomerListRouteContract;
import dev.flights.platform.testing.SignedIn;
import dev.flights.platform.messaging.DeferringConsumer;
import dev.flights.platform.messaging.MessageRetrySettings;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class NotificationFunctionsTest implements CustomerListRouteContract {

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

    /**
     * A webhook retry is named after the message that scheduled it: the same message (redelivered) schedules the
     * same retry, which duplicate detection drops; another message (a deferred copy) schedules another.
     */
    @Test
    void namesTheWebhookRetryAfterTheMessageThatScheduledIt() {
        SagaEvent cancelled = aReservation().by("ew").cancelled();

        String first = retryScheduledOnAFailedSend(cancelled, "message-1");
        String again = retryScheduledOnAFailedSend(cancelled, "message-1");
        String deferredCopy = retryScheduledOnAFailedSend(cancelled, "message-1:notify:retry-1");
        String withoutAnId = retryScheduledOnAFailedSend(cancelled, null);

        assertThat(again).isEqualTo(first);
        assertThat(deferredCopy).isNotEqualTo(first);
        assertThat(withoutAnId).isEqualTo(retryScheduledOnAFailedSend(cancelled, cancelled.eventId().toString()))
                .isNotEqualTo(first);
    }

    /** The first send of a fresh notify fails: the id of the retry it schedules. */
    private static String retryScheduledOnAFailedSend(SagaEvent event, String messageId) {
        NotificationDocuments store = new NotificationDocuments(new InMemoryDocumentStore());
        RecordingTopic scheduled = new RecordingTopic();
        Webhook down = notification -> WebhookOutcome.failed("HTTP 503");
        WebhookDeliveries webhook = new WebhookDeliveries(Optional.of(down), store, scheduled,
                new WebhookSettings("http://127.0.0.1:9/hook", "test-only-secret", Language.EN,
                        Duration.ofSeconds(5), new WebhookSettings.Retry(Duration.ofSeconds(10),
                                Duration.ofMinutes(10), 8)), Clock.fixed(NOON, ZoneOffset.UTC));
        NotificationEventFunctions functions = new NotificationEventFunctions(
                new DeferringConsumer(new RecordingTopic(), MessageRetrySettings.defaults(), Clock.systemUTC()),
                new NotifyOnSagaEvent(store, List.of(), webhook), new RetryWebhookOnDeliveryDue(store, webhook));

        functions.onSagaEvent(EventCodec.encode(event, "/apps/test", "corr-1"), messageId,
                InProcessExecutionContext.of("notifyOnSagaEvent"));

        assertThat(scheduled.messages()).hasSize(1);
        return scheduled.messages().get(0).messageId();
    }

    private void deliver(SagaEvent event) {
        topic.onSagaEvent(EventCodec.encode(event, "/apps/test", "corr-1"),
                "message-1", InProcessExecutionContext.of("notifyOnSagaEvent"));
    }

    /** Signed in as ew. */
    private HttpResponseMessage list(Map<String, String> query) {
        return listAs(request -> SignedIn.as("ew", request), query);
    }

    @Override
    public void oneItemFor(String userId) {
        deliver(aReservation().by(userId).at(NOON).paymentApproved(100, 50));
    }

    @Override
    public HttpResponseMessage listAs(UnaryOperator<InProcessHttpRequest> caller, Map<String, String> query) {
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
