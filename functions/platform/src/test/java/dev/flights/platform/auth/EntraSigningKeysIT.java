package dev.flights.platform.auth;

import static dev.flights.platform.auth.EntraTokens.CLIENT;
import static dev.flights.platform.auth.EntraTokens.TENANT;
import static dev.flights.platform.auth.EntraTokens.bearer;
import static dev.flights.platform.auth.EntraTokens.token;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.flights.contract.UserId;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The tenant's keys fetched over real HTTP, from a JWKS endpoint served the way Entra serves it, or one that hangs. */
class EntraSigningKeysIT {

    private static final String KEYS = "/discovery/v2.0/keys";
    private static final String HANGING = "/hanging/discovery/v2.0/keys";

    private RSAKey signing;
    private HttpServer server;
    private ExecutorService threads;

    @BeforeEach
    void serveKeys() throws IOException, JOSEException {
        signing = new RSAKeyGenerator(2048).keyID("k1").generate();
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext(KEYS, this::keys);
        server.createContext(HANGING, exchange -> {
            try {
                // far longer than a fetch may wait; were it waited for, these keys would make the token valid
                Thread.sleep(Duration.ofSeconds(30).toMillis());
                keys(exchange);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                exchange.close();
            }
        });
        threads = Executors.newCachedThreadPool();
        server.setExecutor(threads);
        server.start();
    }

    private void keys(HttpExchange exchange) throws IOException {
        byte[] body = new JWKSet(signing.toPublicJWK()).toString().getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(200, body.length);
        exchange.getResponseBody().write(body);
        exchange.close();
    }

    @AfterEach
    void stop() {
        threads.shutdownNow();
        server.stop(0);
    }

    private EntraTokenAuthentication fetchingFrom(String path) {
        URI keys = URI.create("http://127.0.0.1:" + server.getAddress().getPort() + path);
        return new EntraTokenAuthentication(TENANT, CLIENT, EntraSigningKeys.fetchedFrom(keys, Clock.systemUTC()));
    }

    @Test
    void aTokenSignedWithAPublishedKeyIsTheCaller() throws JOSEException {
        Caller caller = fetchingFrom(KEYS).caller(bearer(token(signing, c -> c))).orElseThrow();

        assertThat(caller.userId()).isEqualTo(new UserId(EntraTokens.ALICE));
    }

    @Test
    void aKeyEndpointThatDoesNotAnswerIsA503SoonNotAHang() throws JOSEException {
        String token = token(signing, c -> c);

        AccessRefusedException refused = catchThrowableOfType(AccessRefusedException.class,
                () -> fetchingFrom(HANGING).caller(bearer(token)));

        assertThat(refused).isNotNull();
        assertThat(refused.status()).isEqualTo(503);
    }
}
