package dev.flights.localhost.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.flights.contract.codec.EventCodec;
import dev.flights.localhost.HostJson;
import dev.flights.localhost.LocalHostOptions;
import dev.flights.localhost.LocalHostRuntime;
import dev.flights.notify.adapter.WebhookSignature;
import dev.flights.notify.adapter.WebhookSignature.Verdict;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * N5 end to end: a local host whose notify sends to a real webhook receiver on localhost that is slow at first
 * (longer than the webhook's timeout). The saga does not wait for it, and every step still reaches the receiver,
 * signed, once it answers in time. The receiver checks each signature as the README shows (401 when it fails), and a
 * request captured from notify and replayed to it later, or with its body changed, is refused.
 */
class WebhookIT {

    private static final String SECRET = "test-only-shared-secret";
    private static final int SLOW_ANSWERS = 3;
    private static final String REPLAY = "X-Test-Replay";

    private static HttpServer receiver;
    private static LocalHostRuntime host;
    private static final List<JsonNode> received = new CopyOnWriteArrayList<>();
    private static final Set<String> badSignatures = ConcurrentHashMap.newKeySet();
    private static final AtomicInteger requests = new AtomicInteger();
    private static final WebhookSignature signature = new WebhookSignature(SECRET);
    private static final List<Captured> captured = new CopyOnWriteArrayList<>();
    private static final HttpClient client = HttpClient.newHttpClient();

    /** A request as notify sent it, to replay. */
    private record Captured(String signature, byte[] body) {
    }

    @BeforeAll
    static void startAReceiverAndAHostThatSendsToIt() throws IOException {
        receiver = HttpServer.create(new InetSocketAddress("localhost", 0), 16);
        receiver.createContext("/hook", exchange -> {
            byte[] body = exchange.getRequestBody().readAllBytes();
            if (requests.incrementAndGet() <= SLOW_ANSWERS) {
                sleep(1500);
            }
            String header = exchange.getRequestHeaders().getFirst(WebhookSignature.HEADER);
            Verdict verdict = signature.verify(header, body, Instant.now());
            if (verdict != Verdict.VALID) {
                if (exchange.getRequestHeaders().getFirst(REPLAY) == null) {
                    badSignatures.add(verdict + " " + header);
                }
                answer(exchange, 401);
                return;
            }
            captured.add(new Captured(header, body));
            received.add(EventCodec.json().readTree(body));
            answer(exchange, 204);
        });
        // the same receiver, as it will be a little over five minutes from now: where a replay would arrive
        receiver.createContext("/hook-later", exchange -> {
            byte[] body = exchange.getRequestBody().readAllBytes();
            Instant later = Instant.now().plus(WebhookSignature.TOLERANCE).plusSeconds(2);
            Verdict verdict = signature.verify(exchange.getRequestHeaders().getFirst(WebhookSignature.HEADER), body,
                    later);
            answer(exchange, verdict == Verdict.VALID ? 204 : 401);
        });
        receiver.setExecutor(java.util.concurrent.Executors.newFixedThreadPool(4));
        receiver.start();
        Map<String, String> settings = Map.of(
                "notify.webhook.url", "http://localhost:" + receiver.getAddress().getPort() + "/hook",
                "notify.webhook.secret", SECRET,
                "notify.webhook.timeout", "300ms",
                "notify.webhook.retry.delay", "200ms",
                "notify.webhook.retry.max-delay", "1s");
        host = LocalHostRuntime.start(new LocalHostOptions(0, settings, 20,
                HostJson.topicSettings()));
    }

    @AfterAll
    static void stop() {
        if (host != null) {
            host.close();
        }
        if (receiver != null) {
            receiver.stop(0);
        }
    }

    @Test
    void aSlowReceiverHoldsUpNothingAndStillGetsEveryStepSigned() {
        Api api = new Api(host.baseUri());
        String customer = Api.newCustomer();
        api.deposit(customer, 150);

        String id = api.reserve(customer, "KE123");
        api.awaitStatus(id, "TICKETED");

        List<String> steps = List.of("ReservationRequested", "PaymentApproved", "ReservationConfirmed", "TicketIssued");
        Api.await(() -> received.stream().filter(n -> n.toString().contains(id)).map(n -> n.path("type").asText())
                .distinct().toList(), types -> types.containsAll(steps), "every step at the receiver");
        assertThat(requests.get()).as("the first sends timed out and were retried").isGreaterThan(SLOW_ANSWERS);
        assertThat(badSignatures).as("every body is signed with the shared secret").isEmpty();
        assertThat(received).filteredOn(n -> n.toString().contains(id))
                .allSatisfy(n -> assertThat(n.path("message").asText()).contains(id));
    }

    @Test
    void aCapturedRequestReplayedAfterFiveMinutesOrWithAnotherBodyIsRefused() throws Exception {
        Api api = new Api(host.baseUri());
        String customer = Api.newCustomer();
        api.deposit(customer, 50);
        api.awaitStatus(api.reserve(customer, "KE124"), "REJECTED");
        Captured request = Api.await(() -> captured.stream().filter(c -> new String(c.body(), StandardCharsets.UTF_8)
                .contains(customer)).findFirst(), java.util.Optional::isPresent, "a request for " + customer).get();
        byte[] changed = new String(request.body(), StandardCharsets.UTF_8).replace(customer, Api.newCustomer())
                .getBytes(StandardCharsets.UTF_8);

        assertThat(replay("/hook", request.signature(), request.body())).as("replayed at once").isEqualTo(204);
        assertThat(replay("/hook-later", request.signature(), request.body())).as("replayed later").isEqualTo(401);
        assertThat(replay("/hook", request.signature(), changed)).as("body changed").isEqualTo(401);
        assertThat(replay("/hook", null, request.body())).as("unsigned").isEqualTo(401);
    }

    private static int replay(String path, String header, byte[] body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(
                URI.create("http://localhost:" + receiver.getAddress().getPort() + path))
                .header(REPLAY, "yes") // not notify's: its refusals are expected, not bad signatures of notify's
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        if (header != null) {
            request.header(WebhookSignature.HEADER, header);
        }
        return client.send(request.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    private static void answer(HttpExchange exchange, int status) throws IOException {
        exchange.sendResponseHeaders(status, -1);
        exchange.close();
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
