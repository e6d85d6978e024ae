package dev.flights.platform.auth;

import static dev.flights.platform.auth.EntraTokens.ALICE;
import static dev.flights.platform.auth.EntraTokens.CLIENT;
import static dev.flights.platform.auth.EntraTokens.TENANT;
import static dev.flights.platform.auth.EntraTokens.bearer;
import static dev.flights.platform.auth.EntraTokens.claims;
import static dev.flights.platform.auth.EntraTokens.token;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.microsoft.azure.functions.HttpResponseMessage;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import dev.flights.contract.UserId;
import dev.flights.platform.http.HttpFunctions;
import dev.flights.platform.inprocess.InProcessHttpRequest;
import dev.flights.platform.testing.MovingClock;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class EntraTokenAuthenticationTest {

    private static RSAKey signing;
    private static RSAKey rotated;
    private static RSAKey foreign;

    /** The tenant's key set as Entra publishes it; tests change what it publishes, or make it unreachable. */
    private final AtomicReference<JWKSet> published = new AtomicReference<>();
    private final AtomicInteger fetches = new AtomicInteger();
    private volatile boolean unreachable;
    private MovingClock clock;

    @BeforeAll
    static void generateKeys() throws JOSEException {
        signing = new RSAKeyGenerator(2048).keyID("k1").generate();
        rotated = new RSAKeyGenerator(2048).keyID("k2").generate();
        foreign = new RSAKeyGenerator(2048).keyID("k1").generate();
    }

    @BeforeEach
    void publishKeys() {
        published.set(new JWKSet(signing.toPublicJWK()));
        clock = new MovingClock(Instant.now());
    }

    @AfterEach
    void forget() {
        Access.authenticateWith(null);
    }

    private EntraTokenAuthentication authentication() {
        EntraSigningKeys keys = new EntraSigningKeys(() -> {
            fetches.incrementAndGet();
            if (unreachable) {
                throw new IOException("connect timed out");
            }
            return published.get();
        }, clock);
        return new EntraTokenAuthentication(TENANT, CLIENT, keys);
    }

    /** The refusal's status, or 200 when the token was accepted. */
    private static int refusal(EntraTokenAuthentication authentication, Map<String, String> headers) {
        AccessRefusedException refused = catchThrowableOfType(AccessRefusedException.class,
                () -> authentication.caller(headers));
        return refused == null ? 200 : refused.status();
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
    void keysOutOfReachAreA503WithRetryAfterAndTriedAgainOnlyAfterAPause() throws JOSEException {
        unreachable = true;
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

        EntraTokenAuthentication authentication = authentication();
        fetches.set(0);
        assertThat(refusal(authentication, bearer(token))).isEqualTo(503);
        assertThat(refusal(authentication, bearer(token))).isEqualTo(503);
        assertThat(fetches).hasValue(1);
        unreachable = false;
        clock.advance(Duration.ofMinutes(1));
        assertThat(authentication.caller(bearer(token))).isPresent();
        assertThat(fetches).hasValue(2);
    }
}
