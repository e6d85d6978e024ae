package dev.flights.localhost.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.azure.functions.HttpMethod;
import dev.flights.contract.codec.EventCodec;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The gateway over a real socket: an answer given before the request body was read (a refusal, a 413) reaches a
 * client still sending it, and the dev sign-in reads its body as strictly as the functions read theirs.
 */
class HttpGatewayTest {

    private static final int MIB = 1 << 20;

    private HttpGateway gateway;

    /** One answer: the status line's code, and the body. */
    private record Answer(int status, String contentType, String body) {
    }

    @BeforeEach
    void start() throws IOException {
        HostControls controls = new HostControls() {
            @Override
            public void setAvailable(String app, boolean available) {
                throw new AssertionError("no switch is used here");
            }

            @Override
            public void setFailing(String app, boolean failing) {
                throw new AssertionError("no switch is used here");
            }

            @Override
            public Map<String, Object> status() {
                return Map.of();
            }

            @Override
            public List<Map<String, String>> parkedOutbox() {
                return List.of();
            }
        };
        // a route that must never be invoked: every request here is answered before a function would run
        HttpRoute deposit = new HttpRoute("pay", RouteTemplate.parse("accounts/{userId}/deposits"),
                EnumSet.of(HttpMethod.POST), null);
        gateway = new HttpGateway(0, List.of(deposit), controls, app -> true,
                new DevSessions(Clock.systemUTC(), Duration.ofHours(1)));
        gateway.start();
    }

    @AfterEach
    void stop() {
        gateway.close();
    }

    @ParameterizedTest
    @ValueSource(ints = {MIB + 1, MIB + 100 * 1024, 3 * MIB})
    void aBodyOverTheLimitIsA413TheClientGetsWhileStillSending(int size) throws IOException {
        String body = "{\"amount\":5,\"pad\":\"" + "x".repeat(size) + "\"}";

        Answer function = post("/api/accounts/alice/deposits", Map.of(), body);
        Answer signIn = post("/.auth/login/dev", Map.of(), body);

        assertThat(function.status()).isEqualTo(413);
        assertThat(function.contentType()).isEqualTo("application/problem+json");
        assertThat(signIn.status()).as("the dev sign-in, too").isEqualTo(413);
        assertThat(signIn.contentType()).isEqualTo("application/problem+json");
    }

    @ParameterizedTest
    @ValueSource(ints = {100 * 1024, MIB - 100, 2 * MIB})
    void aRefusalGivenBeforeTheBodyWasReadReachesTheClient(int size) throws IOException {
        String body = "x".repeat(size);

        assertThat(post("/api/accounts/alice/deposits", Map.of("X-ZUMO-AUTH", "no-such-token"), body).status())
                .as("an unknown token").isEqualTo(401);
        assertThat(post("/api/accounts/alice/deposits", Map.of("Origin", "https://elsewhere.example"), body).status())
                .as("another site").isEqualTo(403);
        assertThat(post("/admin/status", Map.of(), body).status()).as("nobody signed in").isEqualTo(401);
    }

    @ParameterizedTest
    @ValueSource(strings = {"{\"userId\":\"alice\"} {\"userId\":\"bob\"}", "{\"userId\":\"alice\"}x",
            "{\"userId\":\"alice\",\"userId\":\"bob\"}", "{\"userId\":\"alice\",\"roles\":[],\"roles\":[\"admin\"]}"})
    void theDevSignInTakesOneJsonObjectWithEachFieldOnceAndNothingAfterIt(String body) throws IOException {
        Answer answer = post("/.auth/login/dev", Map.of(), body);

        assertThat(answer.status()).isEqualTo(400);
        assertThat(EventCodec.json().readTree(answer.body()).path("errors").get(0).path("field").asText())
                .isEqualTo("body");
    }

    @Test
    void theDevSignInTakesWhiteSpaceAroundTheObject() throws IOException {
        Answer answer = post("/.auth/login/dev", Map.of(), " {\"userId\":\"alice\"}\r\n");

        assertThat(answer.status()).isEqualTo(200);
        assertThat(EventCodec.json().readTree(answer.body()).path("user").path("userId").asText()).isEqualTo("alice");
    }

    /** Sends the whole request, then reads the whole answer, over one connection, as a plain HTTP/1.1 client. */
    private Answer post(String path, Map<String, String> headers, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        StringBuilder head = new StringBuilder("POST " + path + " HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n"
                + "Content-Type: application/json\r\nContent-Length: " + bytes.length + "\r\n");
        headers.forEach((name, value) -> head.append(name).append(": ").append(value).append("\r\n"));
        head.append("\r\n");
        try (Socket socket = new Socket("localhost", gateway.port())) {
            socket.setSoTimeout(20_000);
            OutputStream out = socket.getOutputStream();
            out.write(head.toString().getBytes(StandardCharsets.ISO_8859_1));
            out.write(bytes);
            out.flush();
            ByteArrayOutputStream answer = new ByteArrayOutputStream();
            socket.getInputStream().transferTo(answer);
            String text = answer.toString(StandardCharsets.UTF_8);
            int end = text.indexOf("\r\n\r\n");
            String contentType = text.substring(0, end).lines()
                    .filter(l -> l.regionMatches(true, 0, "Content-Type:", 0, 13))
                    .map(l -> l.substring(13).trim()).findFirst().orElse(null);
            return new Answer(Integer.parseInt(text.substring(9, 12)), contentType, text.substring(end + 4));
        }
    }
}
