package dev.flights.platform.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.microsoft.azure.functions.HttpResponseMessage;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpServer;
import dev.flights.contract.UserId;
import dev.flights.platform.http.HttpFunctions;
import dev.flights.platform.inprocess.InProcessHttpRequest;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class EntraTokenAuthenticationTest {

    private static final String TENANT = "72f988bf-86f1-41af-91ab-2d7cd011db47";
    private static final String CLIENT = "6f1e3b2a-0000-4000-8000-000000000001";
    private static final String ALICE = "3f2c1d4e-5b6a-4c7d-8e9f-0a1b2c3d4e5f";

    private static RSAKey signing;
    private static RSAKey rotated;
    private static RSAKey foreign;

    /** The tenant's key set, served over HTTP as Entra serves it; tests change what it publishes. */
    private final AtomicReference<JWKSet> published = new AtomicReference<>();
    private final AtomicInteger fetches = new AtomicInteger();
    private HttpServer keyServer;
    private ExecutorService serverThreads;
    private MovableClock clock;

    @BeforeAll
    static void generateKeys() throws JOSEException {
        signing = new RSAKeyGenerator(2048).keyID("k1").generate();
        rotated = new RSAKeyGenerator(2048).keyID("k2").generate();
        foreign = new RSAKeyGenerator(2048).keyID("k1").generate();
    }

    @BeforeEach
    void serveKeys() throws IOException {
        published.set(new JWKSet(signing.toPublicJWK()));
        keyServer = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        keyServer.createContext("/discovery/v2.0/keys", exchange -> {
            fetches.incrementAndGet();
            byte[] body = published.get().toString().getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        serverThreads = Executors.newCachedThreadPool();
        keyServer.setExecutor(serverThreads);
        keyServer.start();
        clock = new MovableClock(Instant.now());
    }

    @AfterEach
    void stop() {
        serverThreads.shutdownNow();
        keyServer.stop(0);
        Access.authenticateWith(null);
    }

    private URI keysAddress() {
        return URI.create("http://127.0.0.1:" + keyServer.getAddress().getPort() + "/discovery/v2.0/keys");
    }

    private EntraTokenAuthentication authentication() {
        return new EntraTokenAuthentication(TENANT, CLIENT, EntraSigningKeys.fetchedFrom(keysAddress(), clock));
    }

    private static JWTClaimsSet.Builder claims() {
        Instant now = Instant.now();
        return new JWTClaimsSet.Builder().issuer("https://login.microsoftonline.com/" + TENANT + "/v2.0")
                .audience(CLIENT).issueTime(Date.from(now)).notBeforeTime(Date.from(now))
                .expirationTime(Date.from(now.plus(Duration.ofHours(1)))).claim("oid", ALICE)
                .claim("name", "Alice Kim").claim("preferred_username", "alice@contoso.com")
                .claim("roles", List.of("admin")).claim("tid", TENANT);
    }

    private static String token(RSAKey key, UnaryOperator<JWTClaimsSet.Builder> change) throws JOSEException {
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID()).build(),
                change.apply(claims()).build());
        jwt.sign(new RSASSASigner(key));
        return jwt.serialize();
    }

    private static Map<String, String> bearer(String token) {
        return Map.of("Authorization", "Bearer " + token);
    }

    private static int refusal(EntraTokenAuthentication authentication, Map<String, String> headers) {
        return catchThrowableOfType(AccessRefusedException.class, () -> authentication.caller(headers)).status();
    }

    @Test
    void aValidTokenIsTheCallerItsOidNamesWithItsNameAndRoles() throws JOSEException {
        Caller caller = authentication().caller(bearer(token(signing, c -> c))).orElseThrow();

        assertThat(caller).isEqualTo(new Caller(new UserId(ALICE), "Alice Kim", Set.of("admin")));
    }

    @Test
    void theApiUriAudienceIsAcceptedAndTheUsernameNamesACallerWithoutAName() throws JOSEException {
        Caller caller = authentication().caller(bearer(token(signing,
                c -> c.audience("api://" + CLIENT).claim("name", null).claim("roles", null)))).orElseThrow();

        assertThat(caller).isEqualTo(new Caller(new UserId(ALICE), "alice@contoso.com", Set.of()));
    }

    @Test
    void principalHeadersAreIgnoredSoAForgedOneWithoutATokenIsNobody() {
        Map<String, String> forged = PrincipalHeaders.of(ClientPrincipal.entra(ALICE, "alice", List.of("admin")),
                ALICE, "alice");
        Access.authenticateWith(authentication());

        assertThat(authentication().caller(forged)).isEmpty();
        HttpResponseMessage response = HttpFunctions.handle(InProcessHttpRequest.get("/api/x", Map.of())
                .withHeaders(forged), () -> {
                    throw new AssertionError("reached the handler as " + Access.signedIn(
                            InProcessHttpRequest.get("/api/x", Map.of()).withHeaders(forged)));
                });
        assertThat(response.getStatusCode()).isEqualTo(401);
        assertThat(response.getHeader("Content-Type")).isEqualTo("application/problem+json");
        assertThat(fetches).hasValue(0);
    }

    @Test
    void aTokenThatIsNotTheTenantsForThisAppIsRefusedWith401() throws JOSEException {
        EntraTokenAuthentication authentication = authentication();
        Map<String, String> refused = Map.of(
                "wrong signature", token(foreign, c -> c),
                "unknown kid", token(new RSAKeyGenerator(2048).keyID("k9").generate(), c -> c),
                "wrong audience", token(signing, c -> c.audience("another-app")),
                "wrong issuer", token(signing, c -> c.issuer("https://login.microsoftonline.com/other/v2.0")),
                "expired", token(signing, c -> c.expirationTime(Date.from(Instant.now().minusSeconds(600)))),
                "not yet valid", token(signing, c -> c.notBeforeTime(Date.from(Instant.now().plusSeconds(600)))),
                "no oid", token(signing, c -> c.claim("oid", null)),
                "alg none", new PlainJWT(claims().build()).serialize(),
                "HS256 keyed with the public key", hmacWithThePublicKey(),
                "not a JWT", "abc.def.ghi");
        refused.forEach((why, token) -> assertThat(refusal(authentication, bearer(token))).as(why).isEqualTo(401));
    }

    @Test
    void aTokenJustPastItsExpiryIsStillAcceptedWithinTheClockSkew() throws JOSEException {
        String token = token(signing, c -> c.expirationTime(Date.from(Instant.now().minusSeconds(30))));

        assertThat(authentication().caller(bearer(token))).isPresent();
    }

    private static String hmacWithThePublicKey() throws JOSEException {
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.HS256).keyID("k1").build(),
                claims().build());
        jwt.sign(new MACSigner(signing.toRSAPublicKey().getEncoded()));
        return jwt.serialize();
    }

    @Test
    void aRotatedKeyIsFetchedOnceAndUnknownKeyIdsDoNotRefetchUntilTheIntervalPasses() throws JOSEException {
        EntraTokenAuthentication authentication = authentication();
        assertThat(authentication.caller(bearer(token(signing, c -> c)))).isPresent();
        assertThat(authentication.caller(bearer(token(signing, c -> c)))).isPresent();
        assertThat(fetches).hasValue(1);

        clock.advance(Duration.ofDays(7));
        published.set(new JWKSet(List.of(signing.toPublicJWK(), rotated.toPublicJWK())));
        assertThat(authentication.caller(bearer(token(rotated, c -> c)))).isPresent();
        assertThat(fetches).hasValue(2);

        RSAKey next = new RSAKeyGenerator(2048).keyID("k3").generate();
        published.set(new JWKSet(List.of(rotated.toPublicJWK(), next.toPublicJWK())));
        assertThat(refusal(authentication, bearer(token(next, c -> c)))).isEqualTo(401);
        assertThat(fetches).hasValue(2);

        clock.advance(EntraSigningKeys.REFETCH_INTERVAL);
        assertThat(authentication.caller(bearer(token(next, c -> c)))).isPresent();
        assertThat(fetches).hasValue(3);
    }

    @Test
    void keysOutOfReachAreA503WithRetryAfterNotA500NorAHang() throws JOSEException {
        keyServer.removeContext("/discovery/v2.0/keys");
        keyServer.createContext("/discovery/v2.0/keys", exchange -> {
            try {
                // far longer than the fetch may wait; were it waited for, the keys below would make the token valid
                Thread.sleep(Duration.ofSeconds(30).toMillis());
                byte[] body = published.get().toString().getBytes(StandardCharsets.UTF_8);
                exchange.sendResponseHeaders(200, body.length);
                exchange.getResponseBody().write(body);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                exchange.close();
            }
        });
        Access.authenticateWith(authentication());
        String token = token(signing, c -> c);

        HttpResponseMessage response = HttpFunctions.handle(InProcessHttpRequest.get("/api/x", Map.of())
                .withHeaders(bearer(token)), () -> {
                    throw new AssertionError("reached the handler as " + Access.signedIn(
                            InProcessHttpRequest.get("/api/x", Map.of()).withHeaders(bearer(token))));
                });

        assertThat(response.getStatusCode()).isEqualTo(503);
        assertThat(response.getHeader("Content-Type")).isEqualTo("application/problem+json");
        assertThat(response.getHeader("Retry-After")).isNotBlank();
    }

    /** A clock the test moves, so that the refetch interval passes without waiting. */
    private static final class MovableClock extends Clock {

        private Instant now;

        MovableClock(Instant now) {
            this.now = now;
        }

        void advance(Duration duration) {
            now = now.plus(duration);
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }
    }
}
