package dev.flights.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
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

/**
 * The saga's latency on Azure's clock: from REQUESTED (the reservation's POST accepted) to TICKETED as
 * {@code GET /api/reservations} shows it, one reservation at a time after a warm-up, on a local host in a JVM of its
 * own with Azure's change-feed delays (each trigger waits what its annotation says). The baseline, in the same run,
 * is the relay alone as it was before the direct publish: {@code OUTBOX_DIRECT_PUBLISH=false} with every feed wait
 * capped at 1 s (the relays' old {@code feedPollDelay}). Also shown: the topic's sends per reservation and the
 * copies of them that the relays sent and duplicate detection dropped. (A record without state: every instance is
 * the same part.)
 */
public record SagaLatencyBench() implements BenchPart {

    static final String NAME = "saga";
    static final String BASELINE = "relay only, 1 s polls (before)";
    static final double GOAL_P99_MILLIS = 1000;

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration PATIENCE = Duration.ofSeconds(60);
    private static final long LIST_POLL_MILLIS = 10;

    /** A host configuration to measure. */
    record Setup(String name, List<String> hostArgs, Map<String, String> env) {
    }

    /** One setup's figures: the latencies in order, the topic's sends and dropped copies over the measured sagas. */
    record Result(List<Long> latenciesMillis, long topicSends, long copiesDropped) {

        double percentile(double p) {
            List<Long> sorted = latenciesMillis.stream().sorted().toList();
            int rank = (int) Math.ceil(p / 100.0 * sorted.size());
            return sorted.get(Math.max(0, rank - 1));
        }

        double perReservation(long count) {
            return (double) count / latenciesMillis.size();
        }
    }

    static final Setup DIRECT = new Setup("direct publish (as deployed)", List.of(), Map.of());
    static final Setup RELAY_ONLY = new Setup(BASELINE, List.of("--feed-poll-delay", "1000"),
            Map.of("OUTBOX_DIRECT_PUBLISH", "false"));

    private static final HttpClient CLIENT = HttpClient.newHttpClient();

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public List<Figure> run(BenchContext context) throws Exception {
        int warmUp = context.smoke() ? 1 : 5;
        int reservations = context.smoke() ? 3 : 60;
        Result direct = measure(context, DIRECT, warmUp, reservations);
        Result relayOnly = measure(context, RELAY_ONLY, warmUp, reservations);
        String what = " REQUESTED → TICKETED in the list, direct publish, Azure's feed delays (" + reservations
                + " sagas)";
        return List.of(
                Figure.atMost(NAME, "p99" + what, direct.percentile(99), "ms", BASELINE, relayOnly.percentile(99),
                        GOAL_P99_MILLIS),
                Figure.shown(NAME, "p50" + what, direct.percentile(50), "ms", BASELINE, relayOnly.percentile(50)),
                Figure.shown(NAME, "topic sends per reservation, direct publish", direct.perReservation(
                        direct.topicSends()), "sends", BASELINE, relayOnly.perReservation(relayOnly.topicSends())),
                Figure.shown(NAME, "relay copies per reservation (dropped as duplicates), direct publish",
                        direct.perReservation(direct.copiesDropped()), "sends", BASELINE,
                        relayOnly.perReservation(relayOnly.copiesDropped())));
    }

    Result measure(BenchContext context, Setup setup, int warmUp, int reservations) throws Exception {
        context.progress("%s: starting a local host", setup.name());
        String logName = setup == DIRECT ? "direct-publish" : "relay-only";
        try (LocalHostProcess host = LocalHostProcess.start(context.dir(NAME).resolve(logName + ".log"), List.of(),
                setup.hostArgs(), setup.env())) {
            URI base = host.baseUri();
            String operator = signIn(base, "bench-operator", "[\"admin\"]");
            for (int i = 0; i < warmUp; i++) {
                oneSaga(base, "KE" + (100 + i));
            }
            JsonNode before = awaitQuiet(base, operator);
            List<Long> latencies = new ArrayList<>();
            for (int i = 0; i < reservations; i++) {
                latencies.add(oneSaga(base, "KE" + (500 + i)));
            }
            // quiet: the relays have read every change, so any copy they were to send is sent
            JsonNode after = awaitQuiet(base, operator);
            Result result = new Result(List.copyOf(latencies),
                    after.path("topicSends").asLong() - before.path("topicSends").asLong(),
                    after.path("duplicatesDropped").asLong() - before.path("duplicatesDropped").asLong());
            context.progress("%s: p50 %.0f ms, p99 %.0f ms, %.2f sends and %.2f copies per reservation", setup.name(),
                    result.percentile(50), result.percentile(99), result.perReservation(result.topicSends()),
                    result.perReservation(result.copiesDropped()));
            return result;
        }
    }

    /** One reservation by a new customer; the milliseconds from its POST's 202 to TICKETED in the list. */
    private long oneSaga(URI base, String flightId) throws IOException, InterruptedException {
        String customer = "bench-" + UUID.randomUUID().toString().substring(0, 8);
        String token = signIn(base, customer, "[]");
        expect(send(base, token, "/api/accounts/" + customer + "/deposits", "{\"amount\":1000}"), 200, 201);
        HttpResponse<String> reserved = send(base, token, "/api/reservations",
                "{\"userId\":\"" + customer + "\",\"flightId\":\"" + flightId + "\"}");
        long accepted = System.nanoTime();
        expect(reserved, 202);
        String id = JSON.readTree(reserved.body()).path("reservationId").asText();
        long deadline = accepted + PATIENCE.toNanos();
        while (!ticketedInList(base, token, customer, id)) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("reservation " + id + " was not TICKETED in the list within "
                        + PATIENCE.toSeconds() + " s");
            }
            Thread.sleep(LIST_POLL_MILLIS);
        }
        return (System.nanoTime() - accepted) / 1_000_000;
    }

    private boolean ticketedInList(URI base, String token, String customer, String id)
            throws IOException, InterruptedException {
        HttpResponse<String> list = send(base, token, "/api/reservations?userId=" + customer, null);
        expect(list, 200);
        for (JsonNode item : JSON.readTree(list.body()).path("items")) {
            if (item.path("reservationId").asText().equals(id) && item.path("status").asText().equals("TICKETED")) {
                return true;
            }
        }
        return false;
    }

    private JsonNode awaitQuiet(URI base, String operator) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        while (true) {
            HttpResponse<String> status = send(base, operator, "/admin/status", null);
            expect(status, 200);
            JsonNode body = JSON.readTree(status.body());
            if (body.path("quiet").asBoolean() && body.path("scheduledMessages").asLong() == 0) {
                return body;
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the host was not quiet within " + PATIENCE.toSeconds() + " s: "
                        + body);
            }
            Thread.sleep(100);
        }
    }

    private String signIn(URI base, String userId, String roles) throws IOException, InterruptedException {
        HttpResponse<String> response = send(base, "", "/.auth/login/dev",
                "{\"userId\":\"" + userId + "\",\"roles\":" + roles + "}");
        expect(response, 200);
        return JSON.readTree(response.body()).path("authenticationToken").asText();
    }

    /** A GET when {@code body} is null, a JSON POST otherwise. */
    private HttpResponse<String> send(URI base, String token, String path, String body)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(20));
        if (body == null) {
            request.GET();
        } else {
            request.header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body));
        }
        if (!token.isEmpty()) {
            request.header("X-ZUMO-AUTH", token);
        }
        return CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static void expect(HttpResponse<String> response, int... statuses) {
        for (int status : statuses) {
            if (response.statusCode() == status) {
                return;
            }
        }
        throw new IllegalStateException(response.request().method() + " " + response.request().uri() + " answered "
                + response.statusCode() + ": " + response.body());
    }
}
