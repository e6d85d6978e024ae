package dev.flights.localhost.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.flights.contract.codec.EventCodec;
import dev.flights.localhost.openapi.ApiContract;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;

/**
 * The HTTP API of the README's "Try it", as a customer's client calls it: signed in through the local host's
 * {@code POST /.auth/login/dev}, with the token in {@code X-ZUMO-AUTH}. Calls that name a customer (a deposit, a
 * reservation, a list) go as that customer, a reservation's as the customer who made it; everything else goes as
 * this instance's caller, an operator with the admin role unless {@link #as}, {@link #anonymous} say otherwise.
 */
final class Api {

    record Response(int status, Map<String, List<String>> headers, JsonNode body) {

        String header(String name) {
            return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name))
                    .map(e -> e.getValue().get(0)).findFirst().orElse(null);
        }
    }

    private static final Duration PATIENCE = Duration.ofSeconds(30);

    static final String OPERATOR = "operator";

    // one sign-in per host and customer for the whole test JVM, and who made which reservation
    private static final Map<String, String> TOKENS = new ConcurrentHashMap<>();
    private static final Map<String, String> OWNERS = new ConcurrentHashMap<>();

    // one client, so one pool of keep-alive connections, for the whole test JVM. A client per Api (each test, each
    // caller) left a connection idle behind every one; past 200 idle connections the JDK server closes each one as
    // its answer goes out, and the next request on it fails with "header parser received no bytes"
    private static final HttpClient client = HttpClient.newHttpClient();
    private final URI base;
    private final String token;

    Api(URI base) {
        this(base, null);
    }

    private Api(URI base, String token) {
        this.base = base;
        this.token = token == null ? TOKENS.computeIfAbsent(base + " " + OPERATOR + " admin",
                key -> signIn(OPERATOR, "[\"admin\"]")) : token;
    }

    /** The same API signed in as this customer (no roles). */
    Api as(String userId) {
        return new Api(base, TOKENS.computeIfAbsent(base + " " + userId, key -> signIn(userId, "[]")));
    }

    /** The same API with nobody signed in. */
    Api anonymous() {
        return new Api(base, "");
    }

    /** A fresh sign-in's token, for tests of the sign-in itself. */
    String signIn(String userId, String rolesJson) {
        HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve("/.auth/login/dev"))
                .POST(HttpRequest.BodyPublishers.ofString(
                        "{\"userId\":\"" + userId + "\",\"roles\":" + rolesJson + "}"))
                .header("Content-Type", "application/json");
        Response response = new Api(base, "").send(request);
        assertThat(response.status()).as("dev sign-in of %s: %s", userId, response.body()).isEqualTo(200);
        return response.body().path("authenticationToken").asText();
    }

    static String newCustomer() {
        return "c-" + UUID.randomUUID().toString().substring(0, 8);
    }

    Response deposit(String userId, long amount) {
        return as(userId).post("/api/accounts/" + userId + "/deposits", "{\"amount\":" + amount + "}", Map.of());
    }

    Response deposit(String userId, long amount, String idempotencyKey) {
        return as(userId).post("/api/accounts/" + userId + "/deposits", "{\"amount\":" + amount + "}",
                Map.of("Idempotency-Key", idempotencyKey));
    }

    Response statement(String userId) {
        return as(userId).get("/api/accounts/" + userId + "/statement");
    }

    long balance(String userId) {
        Response account = as(userId).get("/api/accounts/" + userId);
        assertThat(account.status()).isEqualTo(200);
        return account.body().path("balance").asLong();
    }

    /** Reserves and returns the reservation id. */
    String reserve(String userId, String flightId) {
        Response response = as(userId).post("/api/reservations",
                "{\"userId\":\"" + userId + "\",\"flightId\":\"" + flightId + "\"}", Map.of());
        assertThat(response.status()).isEqualTo(202);
        String id = response.body().path("reservationId").asText();
        OWNERS.put(id, userId);
        return id;
    }

    JsonNode reservation(String id) {
        Response response = ownerOf(id).get("/api/reservations/" + id);
        assertThat(response.status()).isEqualTo(200);
        return response.body();
    }

    Response cancel(String id) {
        return ownerOf(id).post("/api/reservations/" + id + "/cancel", null, Map.of());
    }

    List<JsonNode> list(String userId) {
        return items(as(userId).get("/api/reservations?userId=" + userId));
    }

    List<JsonNode> notifications(String userId) {
        return items(as(userId).get("/api/notifications?userId=" + userId));
    }

    /** Polls the system of record until the reservation satisfies the condition. */
    JsonNode awaitReservation(String id, Predicate<JsonNode> condition, String what) {
        return await(() -> reservation(id), condition, "reservation " + id + " " + what);
    }

    JsonNode awaitStatus(String id, String status) {
        return awaitReservation(id, r -> r.path("status").asText().equals(status), "to be " + status);
    }

    static <T> T await(java.util.function.Supplier<T> probe, Predicate<T> condition, String what) {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        T last = probe.get();
        while (!condition.test(last)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("waited " + PATIENCE.toSeconds() + " s for " + what + "; last seen " + last);
            }
            sleep(50);
            last = probe.get();
        }
        return last;
    }

    Response get(String path) {
        return send(HttpRequest.newBuilder(base.resolve(path)).GET());
    }

    Response post(String path, String body, Map<String, String> headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(path))
                .POST(body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
                .header("Content-Type", "application/json");
        headers.forEach(request::header);
        return send(request);
    }

    Response send(HttpRequest.Builder request) {
        if (!token.isEmpty()) {
            request.header("X-ZUMO-AUTH", token);
        }
        try {
            HttpResponse<String> response = client.send(request.timeout(Duration.ofSeconds(20)).build(),
                    HttpResponse.BodyHandlers.ofString());
            ApiContract.shared().assertConforms(response);
            JsonNode body = response.body().isEmpty() ? null : EventCodec.json().readTree(response.body());
            return new Response(response.statusCode(), response.headers().map(), body);
        } catch (IOException e) {
            throw new AssertionError("HTTP call failed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    /** As the customer who made the reservation, when this JVM made it. */
    private Api ownerOf(String reservationId) {
        String owner = OWNERS.get(reservationId);
        return owner == null ? this : as(owner);
    }

    private static List<JsonNode> items(Response response) {
        assertThat(response.status()).isEqualTo(200);
        List<JsonNode> items = new ArrayList<>();
        response.body().path("items").forEach(items::add);
        return items;
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }
}
