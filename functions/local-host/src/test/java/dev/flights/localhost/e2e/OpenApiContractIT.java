package dev.flights.localhost.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flights.contract.codec.EventCodec;
import dev.flights.localhost.LocalHostRuntime;
import dev.flights.localhost.openapi.ApiContract;
import dev.flights.localhost.openapi.Operation;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * Walks every operation of the OpenAPI document on the local host, its refusals included, and checks each answer
 * against the document (through {@link Api}, which checks every answer the end-to-end suites get). At the end every
 * operation the document describes has answered.
 */
class OpenApiContractIT {

    private static final Set<String> ANSWERED = ConcurrentHashMap.newKeySet();
    private static final Set<String> OPERATIONS = new TreeSet<>();
    private static final List<String> DEAD_LETTER_APPS = List.of("reserve", "pay", "issue-ticket", "notify");

    private final LocalHostRuntime host = SharedLocalHost.get();
    private final Api operator = new Api(host.baseUri());
    private final ApiContract contract = ApiContract.shared();
    // one client for the class, not one per test: see Api's
    private static final HttpClient client = HttpClient.newHttpClient();

    OpenApiContractIT() {
        contract.operations().forEach(o -> OPERATIONS.add(o.operationId()));
    }

    @AfterAll
    static void everyOperationOfTheDocumentAnswered() {
        Set<String> silent = new TreeSet<>(OPERATIONS);
        silent.removeAll(ANSWERED);
        assertThat(silent).as("operations no test called").isEmpty();
    }

    @Test
    void servesTheDocumentTheRepositoryKeeps() throws Exception {
        HttpResponse<String> served = raw("GET", "/api/openapi.json", Map.of());

        assertThat(served.statusCode()).isEqualTo(200);
        assertThat(EventCodec.json().readTree(served.body()))
                .isEqualTo(EventCodec.json().readTree(ApiContract.classPathText(ApiContract.RESOURCE)));
        assertThat(raw("POST", "/api/openapi.json", Map.of()).statusCode()).isEqualTo(405);
    }

    @Test
    void accountsAnswerAsDocumented() {
        String customer = Api.newCustomer();
        Api self = operator.as(customer);
        String account = "/api/accounts/" + customer;

        assertThat(call(self, "GET", account, null).status()).isEqualTo(404);
        assertThat(call(self, "GET", account + "/statement", null).status()).isEqualTo(404);
        assertThat(call(self, "GET", "/api/accounts/a%20b", null).status()).isEqualTo(400);
        assertThat(call(self, "POST", account + "/deposits", "{\"amount\":0}").status()).isEqualTo(400);
        assertThat(call(self, "POST", account + "/deposits", "{\"amount\":300}").status()).isEqualTo(200);
        assertThat(self.post(account + "/deposits", "{\"amount\":5}", Map.of("Idempotency-Key", "k-1")).status())
                .isEqualTo(200);
        assertThat(self.post(account + "/deposits", "{\"amount\":6}", Map.of("Idempotency-Key", "k-1")).status())
                .isEqualTo(409);
        assertThat(call(self, "GET", account, null).status()).isEqualTo(200);
        assertThat(call(self, "GET", account + "/statement", null).status()).isEqualTo(200);
        assertThat(call(operator, "GET", account + "/statement", null).status()).as("an operator").isEqualTo(200);
        assertThat(call(self, "POST", account + "/deposits", "{\"amount\":\"" + "x".repeat(1 << 20) + "\"}")
                .status()).as("over the host's 1 MiB").isEqualTo(413);
    }

    @Test
    void reservationsAnswerAsDocumentedThroughTheirWholeLife() {
        String customer = Api.newCustomer();
        Api self = operator.as(customer);
        operator.deposit(customer, 300);
        String body = "{\"flightId\":\"KE1\"}";

        Api.Response reserved = call(self, "POST", "/api/reservations", body);
        String id = reserved.body().path("reservationId").asText();
        assertThat(reserved.status()).isEqualTo(202);
        assertThat(call(self, "POST", "/api/reservations", "{\"flightId\":\"?\"}").status()).isEqualTo(400);
        assertThat(self.post("/api/reservations", body, Map.of("Idempotency-Key", "contract-1")).status()).isEqualTo(202);
        assertThat(self.post("/api/reservations", body.replace("KE1", "KE2"), Map.of("Idempotency-Key", "contract-1"))
                .status()).isEqualTo(409);
        assertThat(call(self, "GET", "/api/reservations/" + id, null).status()).isEqualTo(200);
        assertThat(call(self, "GET", "/api/reservations/" + UUID.randomUUID(), null).status()).isEqualTo(404);
        assertThat(call(self, "GET", "/api/reservations/not-a-uuid", null).status()).isEqualTo(400);
        Api.await(() -> call(self, "GET", "/api/reservations/" + id, null),
                r -> r.body().path("status").asText().equals("TICKETED"), "the reservation to be ticketed");
        assertThat(call(self, "POST", "/api/reservations/" + id + "/cancel", null).status()).isEqualTo(202);
        assertThat(call(self, "POST", "/api/reservations/" + UUID.randomUUID() + "/cancel", null).status())
                .isEqualTo(404);
        assertThat(call(self, "POST", "/api/reservations/not-a-uuid/cancel", null).status()).isEqualTo(400);

        String poor = Api.newCustomer();
        String rejected = operator.reserve(poor, "KE9");
        operator.awaitStatus(rejected, "REJECTED");
        assertThat(call(operator.as(poor), "POST", "/api/reservations/" + rejected + "/cancel", null).status())
                .isEqualTo(409);

        Api.await(() -> call(self, "GET", "/api/reservations", null),
                list -> list.body().path("items").findValuesAsText("reservationId").contains(id),
                "the list to show the reservation");
        assertThat(call(self, "GET", "/api/reservations?userId=a%20b", null).status()).isEqualTo(400);
        assertThat(call(self, "GET", "/api/notifications?userId=" + customer, null).status()).isEqualTo(200);
        assertThat(call(self, "GET", "/api/notifications?userId=%3Cb%3E", null).status()).isEqualTo(400);
        assertThat(call(self, "DELETE", "/api/reservations", null).status()).isEqualTo(405);
        assertThat(call(self, "GET", "/api/nothing-here", null).status()).isEqualTo(404);
    }

    @Test
    void aStrangerIsRefusedOnEveryCustomerRouteAsDocumented() {
        String customer = Api.newCustomer();
        String id = operator.reserve(customer, "KE1");
        Api anonymous = operator.anonymous();
        Api mallory = operator.as(Api.newCustomer());
        String account = "/api/accounts/" + customer;
        Map<String, String> routes = Map.of(
                "POST " + account + "/deposits", "{\"amount\":10}",
                "GET " + account, "",
                "GET " + account + "/statement", "",
                "POST /api/reservations", "{\"userId\":\"" + customer + "\",\"flightId\":\"KE1\"}",
                "GET /api/reservations?userId=" + customer, "",
                "GET /api/notifications?userId=" + customer, "");

        routes.forEach((route, body) -> {
            String[] methodAndPath = route.split(" ");
            assertThat(call(anonymous, methodAndPath[0], methodAndPath[1], body).status()).as(route).isEqualTo(401);
            assertThat(call(mallory, methodAndPath[0], methodAndPath[1], body).status()).as(route).isEqualTo(403);
        });
        for (String route : List.of("GET /api/reservations/" + id, "POST /api/reservations/" + id + "/cancel")) {
            String[] methodAndPath = route.split(" ");
            assertThat(call(anonymous, methodAndPath[0], methodAndPath[1], null).status()).as(route).isEqualTo(401);
            assertThat(call(mallory, methodAndPath[0], methodAndPath[1], null).status()).as(route).isEqualTo(404);
        }
        assertThat(raw("GET", "/api/reservations", Map.of("X-ZUMO-AUTH", "forged")).statusCode()).isEqualTo(401);
        assertThat(raw("POST", "/api/reservations/" + id + "/cancel", Map.of("Origin", "https://evil.example"))
                .statusCode()).as("a cross-origin request").isEqualTo(403);
    }

    @Test
    void operatorRoutesAnswerAsDocumented() {
        Api customer = operator.as(Api.newCustomer());
        for (String app : DEAD_LETTER_APPS) {
            String deadLetters = "/api/ops/dead-letters/" + app;
            assertThat(call(operator, "GET", deadLetters, null).status()).isEqualTo(200);
            assertThat(call(operator, "GET", deadLetters + "?max=0", null).status()).isEqualTo(400);
            assertThat(call(operator, "POST", deadLetters + "/resubmit", "{\"sequenceNumbers\":[987654321]}")
                    .status()).isEqualTo(200);
            assertThat(call(operator, "POST", deadLetters + "/resubmit", "{}").status()).isEqualTo(400);
            assertThat(call(customer, "GET", deadLetters, null).status()).isEqualTo(403);
            assertThat(call(operator.anonymous(), "POST", deadLetters + "/resubmit", "{\"all\":true}").status())
                    .isEqualTo(401);
        }
        for (String path : List.of("/admin/functions", "/admin/parked-outbox", "/admin/status")) {
            assertThat(call(operator, "GET", path, null).status()).isEqualTo(200);
            assertThat(call(customer, "GET", path, null).status()).isEqualTo(403);
            assertThat(call(operator.anonymous(), "GET", path, null).status()).isEqualTo(401);
        }
        assertThat(call(operator, "POST", "/admin/apps/nothing/failing", null).status()).isEqualTo(404);
        try {
            assertThat(call(operator, "POST", "/admin/apps/pay/unavailable", null).status()).isEqualTo(200);
            assertThat(call(operator, "GET", "/api/accounts/" + Api.newCustomer(), null).status()).isEqualTo(503);
        } finally {
            assertThat(call(operator, "POST", "/admin/apps/pay/available", null).status()).isEqualTo(200);
        }
    }

    @Test
    void signingInAndOutAnswersAsDocumented() {
        Api anonymous = operator.anonymous();
        String token = operator.signIn("contract-" + UUID.randomUUID().toString().substring(0, 8), "[]");
        Map<String, String> signedIn = Map.of("X-ZUMO-AUTH", token);
        answered("POST", "/.auth/login/dev");

        assertThat(call(anonymous, "POST", "/.auth/login/dev", "{\"userId\":\"a b\"}").status()).isEqualTo(400);
        assertThat(call(anonymous, "POST", "/.auth/login/dev", "{\"userId\":\"x\",\"roles\":\"admin\"}").status())
                .isEqualTo(400);
        assertThat(raw("GET", "/.auth/me", signedIn).statusCode()).isEqualTo(200);
        assertThat(raw("GET", "/.auth/me", Map.of()).statusCode()).isEqualTo(401);
        assertThat(raw("GET", "/.auth/logout?post_logout_redirect_uri=/", signedIn).statusCode()).isEqualTo(302);
        assertThat(raw("GET", "/.auth/me", signedIn).statusCode()).as("the token ended").isEqualTo(401);
        assertThat(raw("GET", "/.auth/logout", Map.of()).statusCode()).isEqualTo(200);
    }

    @Test
    void thePageAnswersAsDocumented() {
        assertThat(raw("GET", "/api/page", Map.of()).statusCode()).isEqualTo(200);
        assertThat(raw("GET", "/", Map.of()).statusCode()).isEqualTo(200);
    }

    /** Through {@link Api}, which checks the answer against the document; notes which operation answered. */
    private Api.Response call(Api as, String method, String path, String body) {
        Api.Response response = switch (method) {
            case "GET" -> as.get(path);
            case "POST" -> as.post(path, body == null || body.isEmpty() ? null : body, Map.of());
            default -> as.send(HttpRequest.newBuilder(host.baseUri().resolve(path))
                    .method(method, HttpRequest.BodyPublishers.noBody()));
        };
        answered(method, path);
        return response;
    }

    /** For answers that are no JSON (the page) or need headers of their own: checked here against the document. */
    private HttpResponse<String> raw(String method, String path, Map<String, String> headers) {
        try {
            HttpRequest.Builder request = HttpRequest.newBuilder(host.baseUri().resolve(path))
                    .timeout(Duration.ofSeconds(20)).method(method, HttpRequest.BodyPublishers.noBody());
            headers.forEach(request::header);
            HttpResponse<String> response = client.send(request.build(), HttpResponse.BodyHandlers.ofString());
            contract.assertConforms(response);
            answered(method, path);
            return response;
        } catch (IOException e) {
            throw new AssertionError("HTTP call failed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    private void answered(String method, String path) {
        contract.find(method, URI.create(path).getPath()).map(Operation::operationId).ifPresent(ANSWERED::add);
    }
}
