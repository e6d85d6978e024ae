package dev.flights.localhost.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flights.localhost.LocalHostRuntime;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** Bad input on every route: a 4xx problem naming the field, nothing stored, no event. */
class BadInputIT {

    private final LocalHostRuntime host = SharedLocalHost.get();
    private final Api api = new Api(host.baseUri());

    @ParameterizedTest(name = "{0} {1} {2} -> 400 naming {3}")
    @CsvSource(delimiter = '|', value = {
            "POST|/api/accounts/ew/deposits|{\"amount\":0}|amount",
            "POST|/api/accounts/ew/deposits|{\"amount\":-5}|amount",
            "POST|/api/accounts/ew/deposits|{\"amount\":1.5}|amount",
            "POST|/api/accounts/ew/deposits|{\"amount\":\"100\"}|amount",
            "POST|/api/accounts/ew/deposits|{}|amount",
            "POST|/api/accounts/ew/deposits|not json|body",
            "POST|/api/accounts/a%20b/deposits|{\"amount\":10}|userId",
            "GET|/api/accounts/a%20b||userId",
            "POST|/api/reservations|{\"userId\":\"a b\",\"flightId\":\"KE1\"}|userId",
            "POST|/api/reservations|{\"userId\":\"ew\",\"flightId\":\"?\"}|flightId",
            "POST|/api/reservations||body",
            "GET|/api/reservations/not-a-uuid||id",
            "POST|/api/reservations/not-a-uuid/cancel||id",
            "GET|/api/reservations?userId=||userId",
            "GET|/api/reservations?userId=a%20b||userId",
            "GET|/api/notifications?userId=||userId",
            "GET|/api/notifications?userId=%3Cscript%3E||userId",
            "POST|/api/ops/dead-letters/pay/resubmit|{}|sequenceNumbers",
            "POST|/api/ops/dead-letters/pay/resubmit|{\"all\":false}|all",
            "POST|/api/ops/dead-letters/notify/resubmit|{\"sequenceNumbers\":[-1]}|sequenceNumbers",
            "POST|/api/ops/dead-letters/issue-ticket/resubmit|{\"all\":true,\"sequenceNumbers\":[1]}|body",
            "POST|/api/ops/dead-letters/reserve/resubmit|not json|body",
            "GET|/api/ops/dead-letters/issue-ticket?max=0||max",
            "GET|/api/ops/dead-letters/pay?from=x||from"})
    void badInputIsAProblemNamingTheFieldAndChangesNothing(String method, String path, String body, String field) {
        host.awaitQuiet(Duration.ofSeconds(20));
        int messagesBefore = host.topic().acceptedMessages().size();

        // a customer's routes as the customer ew, the operator's as an operator
        Api caller = path.startsWith("/api/ops/") ? api : api.as("ew");
        Api.Response response = "GET".equals(method) ? caller.get(path) : caller.post(path, body, Map.of());

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.header("Content-Type")).isEqualTo("application/problem+json");
        assertThat(response.body().path("errors").get(0).path("field").asText()).isEqualTo(field);
        assertThat(response.body().path("detail").asText()).contains(field);
        host.awaitQuiet(Duration.ofSeconds(20));
        assertThat(host.topic().acceptedMessages()).hasSize(messagesBefore);
        assertThat(api.get("/api/accounts/ew").status()).as("no account was opened").isEqualTo(404);
    }

    @Test
    void unknownThingsAre404AndWrongMethods405NeverA500() {
        assertThat(api.get("/api/accounts/nobody-" + UUID.randomUUID().toString().substring(0, 8)).status())
                .isEqualTo(404);
        assertThat(api.get("/api/reservations/" + UUID.randomUUID()).status()).isEqualTo(404);
        assertThat(api.post("/api/reservations/" + UUID.randomUUID() + "/cancel", null, Map.of()).status())
                .isEqualTo(404);
        assertThat(api.get("/api/nothing-here").status()).isEqualTo(404);
        assertThat(api.send(HttpRequest.newBuilder(host.baseUri().resolve("/api/reservations"))
                .method("DELETE", HttpRequest.BodyPublishers.noBody())).status()).isEqualTo(405);
    }

    @Test
    void anIdempotencyKeyGivesTheSameReservationAndAReusedKeyIsAConflict() {
        String customer = Api.newCustomer();
        String body = "{\"userId\":\"" + customer + "\",\"flightId\":\"KE1\"}";
        Map<String, String> key = Map.of("Idempotency-Key", "order-1");

        Api.Response first = api.as(customer).post("/api/reservations", body, key);
        Api.Response second = api.as(customer).post("/api/reservations", body, key);
        Api.Response other = api.as(customer).post("/api/reservations", body.replace("KE1", "KE2"), key);

        assertThat(second.body().path("reservationId")).isEqualTo(first.body().path("reservationId"));
        assertThat(other.status()).isEqualTo(409);
        assertThat(other.body().path("errors").get(0).path("field").asText()).isEqualTo("Idempotency-Key");
    }

    @Test
    void noInputOnAnyRouteProducesA500() {
        java.util.Random random = new java.util.Random(20261123);
        String[] segments = {"ew", "", "%00", "..", "a%2Fb", "%F0%9F%98%80", "x".repeat(300), UUID.randomUUID().toString(),
                "00000000-0000-0000-0000-000000000000", "-1", "null", "%7B%7D", "%22"};
        String[] bodies = {null, "", "{", "[]", "null", "0", "\"s\"", "{\"amount\":1e400}",
                "{\"amount\":9223372036854775808}", "{\"amount\":1000000}", "{\"userId\":{},\"flightId\":[]}",
                "{\"userId\":\"ew\",\"flightId\":\"KE1\",\"extra\":true}", "{\"amount\":\"\\u0000\"}",
                "x".repeat(20_000)};
        String[] templates = {"/api/accounts/%s/deposits", "/api/accounts/%s", "/api/reservations/%s",
                "/api/reservations/%s/cancel", "/api/reservations?userId=%s", "/api/notifications?userId=%s",
                "/api/reservations", "/api/ops/dead-letters/%s", "/api/ops/dead-letters/pay?max=%s",
                "/api/ops/dead-letters/notify?from=%s", "/api/ops/dead-letters/reserve/resubmit?x=%s"};
        Api[] callers = {api, api.as("fuzzer"), api.anonymous()};
        for (int i = 0; i < 300; i++) {
            String path = String.format(templates[random.nextInt(templates.length)],
                    segments[random.nextInt(segments.length)]);
            String body = bodies[random.nextInt(bodies.length)];
            Api caller = callers[random.nextInt(callers.length)];
            Api.Response response = random.nextBoolean() ? caller.get(path) : caller.post(path, body, Map.of());

            assertThat(response.status()).as("%s with %s", path, body).isLessThan(500);
            if (response.status() >= 400) {
                assertThat(response.header("Content-Type")).as("%s", path).isEqualTo("application/problem+json");
            }
        }
    }
}
