package dev.flights.localhost.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import dev.flights.contract.codec.EventCodec;
import dev.flights.localhost.HostJson;
import dev.flights.localhost.LocalHostOptions;
import dev.flights.localhost.LocalHostRuntime;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * N5 end to end: a local host whose notify sends to a real webhook receiver on localhost that is slow at first
 * (longer than the webhook's timeout). The saga does not wait for it, and every step still reaches the receiver,
 * signed, once it answers in time.
 */
class WebhookIT {

    private static final String SECRET = "test-only-shared-secret";
    private static final int SLOW_ANSWERS = 3;

    private static HttpServer receiver;
    private static LocalHostRuntime host;
    private static final List<JsonNode> received = new CopyOnWriteArrayList<>();
    private static final Set<String> badSignatures = ConcurrentHashMap.newKeySet();
    private static final AtomicInteger requests = new AtomicInteger();

    @BeforeAll
    static void startAReceiverAndAHostThatSendsToIt() throws IOException {
        receiver = HttpServer.create(new InetSocketAddress("localhost", 0), 16);
        receiver.createContext("/hook", exchange -> {
            byte[] body = exchange.getRequestBody().readAllBytes();
            if (requests.incrementAndGet() <= SLOW_ANSWERS) {
                sleep(1500);
            }
            String signature = exchange.getRequestHeaders().getFirst("X-Signature-256");
            if (!("sha256=" + hmac(body)).equals(signature)) {
                badSignatures.add(String.valueOf(signature));
            }
            received.add(EventCodec.json().readTree(body));
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
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

    private static String hmac(byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(body));
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
