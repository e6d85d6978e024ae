package dev.flights.platform.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.microsoft.azure.functions.HttpResponseMessage;
import dev.flights.contract.codec.EventCodec;
import dev.flights.platform.correlation.Correlation;
import dev.flights.platform.deadletters.DeadLetterQueue;
import dev.flights.platform.deadletters.DeadLetterQueueUnavailableException;
import dev.flights.platform.deadletters.DeadLetterSelection;
import dev.flights.platform.deadletters.DeadLetteredMessage;
import dev.flights.platform.deadletters.Resubmission;
import dev.flights.platform.inprocess.InProcessHttpRequest;
import dev.flights.platform.testing.SignedIn;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DeadLetterEndpointsTest {

    private static final DeadLetteredMessage LETTER = new DeadLetteredMessage(12, "m-1", "r-1", "ReservationRequested",
            "c-1", "MaxDeliveryCountExceeded", "StoreException: 403", 10, Instant.parse("2026-12-02T10:00:00Z"), "{}");

    private final List<Object> calls = new ArrayList<>();
    private Resubmission answer = new Resubmission("pay",
            List.of(new Resubmission.Resubmitted(12, "m-1", "ReservationRequested", "r-1", "copy-1")), List.of(13L),
            List.of(), false);
    private RuntimeException failure;

    private final DeadLetterQueue queue = new DeadLetterQueue() {
        @Override
        public List<DeadLetteredMessage> list(String subscription, Long from, int max) {
            calls.add(List.of(subscription, String.valueOf(from), max));
            if (failure != null) {
                throw failure;
            }
            return List.of(LETTER);
        }

        @Override
        public Resubmission resubmit(String subscription, DeadLetterSelection selection) {
            calls.add(selection);
            if (failure != null) {
                throw failure;
            }
            return answer;
        }
    };
    private final DeadLetterEndpoints endpoints = DeadLetterEndpoints.over(queue);

    @AfterEach
    void clearCorrelation() {
        Correlation.clear();
    }

    private static JsonNode json(HttpResponseMessage response) throws Exception {
        return EventCodec.json().readTree((String) response.getBody());
    }

    private HttpResponseMessage resubmit(String body) {
        return endpoints.resubmit(SignedIn.asAdmin(resubmitRequest(body)), "pay");
    }

    private static InProcessHttpRequest resubmitRequest(String body) {
        return InProcessHttpRequest.post("/api/ops/dead-letters/pay/resubmit", body, Map.of());
    }

    private static InProcessHttpRequest listRequest(Map<String, String> query) {
        return SignedIn.asAdmin(InProcessHttpRequest.get("/api/ops/dead-letters/pay", query));
    }

    @Test
    void nobodySignedInIsA401AndACustomerWithoutTheAdminRoleA403AndTheQueueIsNotTouched() throws Exception {
        HttpResponseMessage anonymousList = endpoints.list(InProcessHttpRequest.get("/api/ops/dead-letters/pay",
                Map.of()), "pay");
        HttpResponseMessage anonymousResubmit = endpoints.resubmit(resubmitRequest("{\"all\":true}"), "pay");
        HttpResponseMessage customerList = endpoints.list(SignedIn.as("alice",
                InProcessHttpRequest.get("/api/ops/dead-letters/pay", Map.of())), "pay");
        HttpResponseMessage customerResubmit = endpoints.resubmit(SignedIn.as("alice",
                resubmitRequest("{\"all\":true}")), "pay");

        assertThat(anonymousList.getStatusCode()).isEqualTo(401);
        assertThat(anonymousResubmit.getStatusCode()).isEqualTo(401);
        assertThat(customerList.getStatusCode()).isEqualTo(403);
        assertThat(customerResubmit.getStatusCode()).isEqualTo(403);
        assertThat(customerResubmit.getHeader("Content-Type")).isEqualTo("application/problem+json");
        assertThat(json(customerResubmit).path("detail").asText()).contains("admin");
        assertThat(calls).isEmpty();
    }

    @Test
    void listsTheSubscriptionsDeadLettersAsJsonWithTheNextPageWhenThePageIsFull() throws Exception {
        HttpResponseMessage response = endpoints.list(
                listRequest(Map.of("max", "1", "from", "12")), "pay");

        assertThat(response.getStatusCode()).isEqualTo(200);
        assertThat(calls).containsExactly(List.of("pay", "12", 1));
        JsonNode body = json(response);
        assertThat(body.path("subscription").asText()).isEqualTo("pay");
        JsonNode item = body.path("items").get(0);
        assertThat(item.path("sequenceNumber").asLong()).isEqualTo(12);
        assertThat(item.path("sessionId").asText()).isEqualTo("r-1");
        assertThat(item.path("reason").asText()).isEqualTo("MaxDeliveryCountExceeded");
        assertThat(item.path("description").asText()).isEqualTo("StoreException: 403");
        assertThat(item.path("enqueuedAt").asText()).isEqualTo("2026-12-02T10:00:00Z");
        assertThat(body.path("next").asLong()).isEqualTo(13);
    }

    @Test
    void listsAFullPageOfAHundredByDefaultAndNoNextWhenThePageIsShort() throws Exception {
        HttpResponseMessage response = endpoints.list(listRequest(Map.of()),
                "pay");

        assertThat(calls).containsExactly(List.of("pay", "null", 100));
        assertThat(json(response).has("next")).isFalse();
    }

    @Test
    void resubmitsTheChosenSequenceNumbersAndAnswersWhatHappened() throws Exception {
        HttpResponseMessage response = resubmit("{\"sequenceNumbers\":[12,13,12]}");

        assertThat(calls).containsExactly(DeadLetterSelection.of(List.of(12L, 13L)));
        assertThat(response.getStatusCode()).isEqualTo(200);
        JsonNode body = json(response);
        assertThat(body.path("resubmitted").get(0).path("resubmittedAs").asText()).isEqualTo("copy-1");
        assertThat(body.path("notFound").get(0).asLong()).isEqualTo(13);
        assertThat(body.path("more").asBoolean()).isFalse();
    }

    @Test
    void resubmitsAll() {
        resubmit("{\"all\":true}");

        assertThat(calls).containsExactly(DeadLetterSelection.everything());
    }

    @Test
    void aCopyThatCouldNotBeSentIsA503WithTheSameAccount() throws Exception {
        answer = new Resubmission("pay", List.of(), List.of(), List.of(new Resubmission.Failed(12, "m-1", "busy")),
                false);

        HttpResponseMessage response = resubmit("{\"all\":true}");

        assertThat(response.getStatusCode()).isEqualTo(503);
        assertThat(response.getHeader("Retry-After")).isNotBlank();
        assertThat(json(response).path("failed").get(0).path("reason").asText()).isEqualTo("busy");
    }

    @Test
    void anUnreachableDeadLetterQueueIsA503Problem() throws Exception {
        failure = new DeadLetterQueueUnavailableException("could not peek: UNAUTHORIZED", null);

        HttpResponseMessage response = endpoints.list(listRequest(Map.of()),
                "pay");

        assertThat(response.getStatusCode()).isEqualTo(503);
        assertThat(response.getHeader("Content-Type")).isEqualTo("application/problem+json");
        assertThat(json(response).path("detail").asText()).contains("UNAUTHORIZED");
    }

    @Test
    void anAppWithoutADeadLetterQueueAnswers503SayingSo() throws Exception {
        HttpResponseMessage response = DeadLetterEndpoints.unavailable("no dead-letter queue here")
                .list(listRequest(Map.of()), "pay");

        assertThat(response.getStatusCode()).isEqualTo(503);
        assertThat(json(response).path("detail").asText()).isEqualTo("no dead-letter queue here");
    }

    @ParameterizedTest(name = "{0} -> 400 naming {1}")
    @CsvSource(delimiter = '|', value = {
            "|body",
            "[]|body",
            "{}|sequenceNumbers",
            "{\"sequenceNumbers\":[]}|sequenceNumbers",
            "{\"sequenceNumbers\":12}|sequenceNumbers",
            "{\"sequenceNumbers\":[-1]}|sequenceNumbers",
            "{\"sequenceNumbers\":[1.5]}|sequenceNumbers",
            "{\"sequenceNumbers\":[\"12\"]}|sequenceNumbers",
            "{\"sequenceNumbers\":[9223372036854775808]}|sequenceNumbers",
            "{\"all\":false}|all",
            "{\"all\":\"yes\"}|all",
            "{\"all\":true,\"sequenceNumbers\":[1]}|body"})
    void badResubmissionsAreA400NamingTheFieldAndTouchNothing(String body, String field) throws Exception {
        HttpResponseMessage response = resubmit(body);

        assertThat(response.getStatusCode()).isEqualTo(400);
        assertThat(response.getHeader("Content-Type")).isEqualTo("application/problem+json");
        assertThat(json(response).path("errors").get(0).path("field").asText()).isEqualTo(field);
        assertThat(calls).isEmpty();
    }

    @Test
    void moreThanAHundredSequenceNumbersAreRefused() throws Exception {
        StringBuilder numbers = new StringBuilder();
        for (int i = 0; i <= DeadLetterQueue.MAX_RESUBMIT; i++) {
            numbers.append(i == 0 ? "" : ",").append(i);
        }

        HttpResponseMessage response = resubmit("{\"sequenceNumbers\":[" + numbers + "]}");

        assertThat(response.getStatusCode()).isEqualTo(400);
        assertThat(calls).isEmpty();
    }

    @ParameterizedTest(name = "?{0}={1} -> 400")
    @CsvSource({"max,0", "max,101", "max,ten", "max,''", "from,-1", "from,x", "from,99999999999999999999"})
    void badPagingIsA400NamingTheParameter(String name, String value) throws Exception {
        HttpResponseMessage response = endpoints.list(
                listRequest(Map.of(name, value)), "pay");

        assertThat(response.getStatusCode()).isEqualTo(400);
        assertThat(json(response).path("errors").get(0).path("field").asText()).isEqualTo(name);
        assertThat(calls).isEmpty();
    }
}
