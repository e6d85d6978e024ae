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
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * Walks every operation of the OpenAPI document on the local host, its errors included, and checks each answer against
 * the document (through {@link Api}, which checks every answer the end-to-end suites get). At the end every operation
 * the document describes has answered at least once.
 */
class OpenApiContractIT {

    private static final Set<String> ANSWERED = ConcurrentHashMap.newKeySet();
    private static final Set<String> OPERATIONS = new TreeSet<>();

    private final LocalHostRuntime host = SharedLocalHost.get();
    private final Api api = new Api(host.baseUri());
    private final ApiContract contract = ApiContract.shared();
    private final HttpClient client = HttpClient.newHttpClient();

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
        HttpResponse<String> served = raw("GET", "/api/openapi.json", null);

        assertThat(served.statusCode()).isEqualTo(200);
        assertThat(EventCodec.json().readTree(served.body()))
                .isEqualTo(EventCodec.json().readTree(ApiContract.classPathText(ApiContract.RESOURCE)));
        assertThat(raw("POST", "/api/openapi.json", "{}").statusCode()).isEqualTo(405);
    }

    @Test
    void accountsAnswerAsDocumented() {
        String customer = Api.newCustomer();

        assertThat(call("GET", "/api/accounts/" + customer, null).status()).isEqualTo(404);
        assertThat(call("GET", "/api/accounts/a%20b", null).status()).isEqualTo(400);
        assertThat(call("POST", "/api/accounts/" + customer + "/deposits", "{\"amount\":0}").status()).isEqualTo(400);
        assertThat(call("POST", "/api/accounts/" + customer + "/deposits", "{\"amount\":300}").status()).isEqualTo(200);
        assertThat(call("GET", "/api/accounts/" + customer, null).status()).isEqualTo(200);
        assertThat(call("GET", "/api/accounts/" + customer + "/statement", null).status()).isEqualTo(200);
        assertThat(call("POST", "/api/accounts/" + customer + "/deposits", "{\"amount\":\"" + "x".repeat(1 << 20) + "\"}")
                .status()).as("over the host's 1 MiB").isEqualTo(413);
    }

    @Test
    void reservationsAnswerAsDocumentedThroughTheirWholeLife() {
        String customer = Api.newCustomer();
        String poor = Api.newCustomer();
        api.deposit(customer, 300);
        String body = "{\"userId\":\"" + customer + "\",\"flightId\":\"KE1\"}";

        Api.Response reserved = call("POST", "/api/reservations", body);
        String id = reserved.body().path("reservationId").asText();
        assertThat(reserved.status()).isEqualTo(202);
        assertThat(call("POST", "/api/reservations", "{\"userId\":\"" + customer + "\",\"flightId\":\"?\"}").status())
                .isEqualTo(400);
        assertThat(api.post("/api/reservations", body, Map.of("Idempotency-Key", "contract-1")).status()).isEqualTo(202);
        assertThat(api.post("/api/reservations", body.replace("KE1", "KE2"), Map.of("Idempotency-Key", "contract-1"))
                .status()).isEqualTo(409);
        assertThat(call("GET", "/api/reservations/" + id, null).status()).isEqualTo(200);
        assertThat(call("GET", "/api/reservations/" + UUID.randomUUID(), null).status()).isEqualTo(404);
        assertThat(call("GET", "/api/reservations/not-a-uuid", null).status()).isEqualTo(400);
        api.awaitStatus(id, "TICKETED");
        assertThat(call("POST", "/api/reservations/" + id + "/cancel", null).status()).isEqualTo(202);
        assertThat(call("POST", "/api/reservations/" + UUID.randomUUID() + "/cancel", null).status()).isEqualTo(404);
        assertThat(call("POST", "/api/reservations/not-a-uuid/cancel", null).status()).isEqualTo(400);

        String rejected = api.reserve(poor, "KE9");
        api.awaitStatus(rejected, "REJECTED");
        assertThat(call("POST", "/api/reservations/" + rejected + "/cancel", null).status()).isEqualTo(409);

        api.awaitReservation(id, r -> r.path("refunded").asBoolean(), "to be refunded");
        Api.await(() -> call("GET", "/api/reservations?userId=" + customer, null),
                list -> list.body().path("items").findValuesAsText("reservationId").contains(id),
                "the list to show the reservation");
        assertThat(call("GET", "/api/reservations", null).status()).isEqualTo(400);
        assertThat(call("GET", "/api/notifications?userId=" + customer, null).status()).isEqualTo(200);
        assertThat(call("GET", "/api/notifications", null).status()).isEqualTo(400);
        assertThat(call("DELETE", "/api/reservations", null).status()).isEqualTo(405);
        assertThat(call("GET", "/api/nothing-here", null).status()).isEqualTo(404);
    }

    @Test
    void operatorRoutesAnswerAsDocumented() {
        for (String app : new String[] {"reserve", "pay", "issue-ticket", "notify"}) {
            String deadLetters = "/api/ops/dead-letters/" + app;
            assertThat(call("GET", deadLetters, null).status()).isEqualTo(200);
            assertThat(call("GET", deadLetters + "?max=0", null).status()).isEqualTo(400);
            assertThat(call("POST", deadLetters + "/resubmit", "{\"sequenceNumbers\":[987654321]}").status())
                    .isEqualTo(200);
            assertThat(call("POST", deadLetters + "/resubmit", "{}").status()).isEqualTo(400);
        }
        assertThat(call("GET", "/admin/functions", null).status()).isEqualTo(200);
        assertThat(call("GET", "/admin/parked-outbox", null).status()).isEqualTo(200);
        assertThat(call("GET", "/admin/status", null).status()).isEqualTo(200);
        assertThat(call("POST", "/admin/apps/nothing/failing", null).status()).isEqualTo(404);
        try {
            assertThat(call("POST", "/admin/apps/pay/unavailable", null).status()).isEqualTo(200);
            assertThat(call("GET", "/api/accounts/" + Api.newCustomer(), null).status()).isEqualTo(503);
        } finally {
            assertThat(call("POST", "/admin/apps/pay/available", null).status()).isEqualTo(200);
        }
    }

    @Test
    void thePageAnswersAsDocumented() {
        assertThat(raw("GET", "/api/page", null).statusCode()).isEqualTo(200);
        assertThat(raw("GET", "/", null).statusCode()).isEqualTo(200);
    }

    /** Through {@link Api}, which checks the answer against the document; notes which operation answered. */
    private Api.Response call(String method, String path, String body) {
        Api.Response response = switch (method) {
            case "GET" -> api.get(path);
            case "POST" -> api.post(path, body, Map.of());
            default -> api.send(HttpRequest.newBuilder(host.baseUri().resolve(path))
                    .method(method, HttpRequest.BodyPublishers.noBody()));
        };
        answered(method, path);
        return response;
    }

    /** For answers that are no JSON (the page): checked here against the document. */
    private HttpResponse<String> raw(String method, String path, String body) {
        try {
            HttpResponse<String> response = client.send(HttpRequest.newBuilder(host.baseUri().resolve(path))
                    .timeout(Duration.ofSeconds(20)).header("Content-Type", "application/json")
                    .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                            : HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
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
