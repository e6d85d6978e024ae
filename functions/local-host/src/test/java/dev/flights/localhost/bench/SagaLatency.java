package dev.flights.localhost.bench;

import com.fasterxml.jackson.databind.JsonNode;
import dev.flights.contract.codec.EventCodec;
import dev.flights.localhost.LocalHostOptions;
import dev.flights.localhost.LocalHostRuntime;
import dev.flights.platform.messaging.OutgoingMessage;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How long a reservation takes from REQUESTED (its POST accepted) to TICKETED as the customer's list shows it, on the
 * local host with Azure's change-feed delays (each trigger waits what its annotation says; no cap), one reservation at
 * a time after a warm-up. Each {@link Setup} runs on its own host in the same run, so a figure is read beside its
 * baseline: the direct publish (as deployed) against the relay alone ({@code OUTBOX_DIRECT_PUBLISH=false}).
 */
public final class SagaLatency {

    /** A host configuration to measure: its app settings and change-feed cap (0: Azure's delays). */
    public record Setup(String name, Map<String, String> appSettings, long feedDelayCapMillis) {

        /** As deployed: every outbox published right after its commit, Azure's feed delays. */
        public static Setup directPublish() {
            return new Setup("direct publish (as deployed)", Map.of(), LocalHostOptions.AZURE_FEED_DELAYS);
        }

        /**
         * The relay alone at the 1 s polls it had before the direct publish: {@code OUTBOX_DIRECT_PUBLISH=false} and
         * every feed wait capped at 1 s (the view's 500 ms poll stays as it is).
         */
        public static Setup relayOnlyAsBefore() {
            return new Setup("relay only, 1 s polls (before)", Map.of("outbox.direct-publish", "false"), 1000);
        }
    }

    /** One setup's figures. */
    public record Result(Setup setup, int reservations, List<Long> latenciesMillis, long topicSends,
            long relayCopies) {

        public long percentileMillis(double p) {
            List<Long> sorted = latenciesMillis.stream().sorted().toList();
            int rank = (int) Math.ceil(p / 100.0 * sorted.size());
            return sorted.get(Math.max(0, rank - 1));
        }

        public double relayCopiesPerReservation() {
            return (double) relayCopies / reservations;
        }

        public double topicSendsPerReservation() {
            return (double) topicSends / reservations;
        }

        public String line() {
            return String.format(Locale.ROOT, "%-32s p50 %5d ms  p99 %5d ms  max %5d ms  topic sends/reservation %.2f"
                            + "  relay copies/reservation %.2f", setup.name(), percentileMillis(50),
                    percentileMillis(99), percentileMillis(100), topicSendsPerReservation(),
                    relayCopiesPerReservation());
        }
    }

    private static final Logger log = LoggerFactory.getLogger(SagaLatency.class);
    private static final Duration PATIENCE = Duration.ofSeconds(60);
    private static final long LIST_POLL_MILLIS = 10;

    private final HttpClient client = HttpClient.newHttpClient();

    /** Starts a host for the setup, warms it up, measures {@code reservations} sagas one after another, stops it. */
    public Result measure(Setup setup, int warmUp, int reservations) throws IOException, InterruptedException {
        LocalHostOptions options = LocalHostOptions.defaults().withPort(0).withAppProperties(setup.appSettings())
                .withChangeFeedDelayCap(setup.feedDelayCapMillis());
        try (LocalHostRuntime host = LocalHostRuntime.start(options)) {
            URI base = host.baseUri();
            for (int i = 0; i < warmUp; i++) {
                oneSaga(base, "KE" + (100 + i));
            }
            host.awaitQuiet(Duration.ofSeconds(60));
            long sentBefore = host.topic().sentCount();
            Set<String> sessions = new HashSet<>();
            List<Long> latencies = new ArrayList<>();
            for (int i = 0; i < reservations; i++) {
                Saga saga = oneSaga(base, "KE" + (500 + i));
                sessions.add(saga.reservationId());
                latencies.add(saga.millis());
            }
            // the relays' copies of these reservations' events arrive after their grace, if at all
            host.awaitQuiet(Duration.ofSeconds(60));
            long sends = host.topic().sentCount() - sentBefore;
            long copies = host.topic().droppedDuplicates().stream().map(OutgoingMessage::sessionId)
                    .filter(sessions::contains).count();
            return new Result(setup, reservations, List.copyOf(latencies), sends, copies);
        }
    }

    private record Saga(String reservationId, long millis) {
    }

    private Saga oneSaga(URI base, String flightId) throws IOException, InterruptedException {
        String customer = "bench-" + UUID.randomUUID().toString().substring(0, 8);
        String token = signIn(base, customer);
        expect(post(base, token, "/api/accounts/" + customer + "/deposits", "{\"amount\":1000}"), 200, 201);
        HttpResponse<String> reserved = post(base, token, "/api/reservations",
                "{\"userId\":\"" + customer + "\",\"flightId\":\"" + flightId + "\"}");
        long accepted = System.nanoTime();
        expect(reserved, 202);
        String id = EventCodec.json().readTree(reserved.body()).path("reservationId").asText();
        long deadline = accepted + PATIENCE.toNanos();
        while (!ticketedInList(base, token, customer, id)) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("reservation " + id + " was not TICKETED in the list within "
                        + PATIENCE.toSeconds() + " s");
            }
            Thread.sleep(LIST_POLL_MILLIS);
        }
        return new Saga(id, (System.nanoTime() - accepted) / 1_000_000);
    }

    private boolean ticketedInList(URI base, String token, String customer, String id)
            throws IOException, InterruptedException {
        HttpResponse<String> list = send(HttpRequest.newBuilder(base.resolve("/api/reservations?userId=" + customer))
                .GET(), token);
        expect(list, 200);
        for (JsonNode item : EventCodec.json().readTree(list.body()).path("items")) {
            if (item.path("reservationId").asText().equals(id) && item.path("status").asText().equals("TICKETED")) {
                return true;
            }
        }
        return false;
    }

    private String signIn(URI base, String userId) throws IOException, InterruptedException {
        HttpResponse<String> response = send(HttpRequest.newBuilder(base.resolve("/.auth/login/dev"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"userId\":\"" + userId + "\",\"roles\":[]}")), "");
        expect(response, 200);
        return EventCodec.json().readTree(response.body()).path("authenticationToken").asText();
    }

    private HttpResponse<String> post(URI base, String token, String path, String body)
            throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(base.resolve(path)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)), token);
    }

    private HttpResponse<String> send(HttpRequest.Builder request, String token)
            throws IOException, InterruptedException {
        if (!token.isEmpty()) {
            request.header("X-ZUMO-AUTH", token);
        }
        return client.send(request.timeout(Duration.ofSeconds(20)).build(), HttpResponse.BodyHandlers.ofString());
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

    /**
     * {@code [reservations] [warm-up]} (default 40 and 5): measures the direct publish and its baseline in this run
     * and logs a line for each.
     */
    public static void main(String[] args) throws Exception {
        int reservations = args.length > 0 ? Integer.parseInt(args[0]) : 40;
        int warmUp = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        SagaLatency bench = new SagaLatency();
        List<Result> results = new ArrayList<>();
        for (Setup setup : List.of(Setup.directPublish(), Setup.relayOnlyAsBefore())) {
            results.add(bench.measure(setup, warmUp, reservations));
        }
        log.info("saga latency, REQUESTED (POST accepted) -> TICKETED in GET /api/reservations, {} reservations one"
                + " at a time after {} warm-up, Azure's feed delays unless said", reservations, warmUp);
        results.forEach(result -> log.info(result.line()));
    }
}
