package dev.flights.platform.auth;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.KeySourceException;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.BadJOSEException;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.proc.ConfigurableJWTProcessor;
import com.nimbusds.jwt.proc.DefaultJWTClaimsVerifier;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import dev.flights.contract.UserId;
import java.text.ParseException;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Authenticates the caller by its Microsoft Entra token alone, for a plan where App Service Authentication may not run
 * and so may not strip a client's {@code X-MS-CLIENT-PRINCIPAL}: those headers are ignored, and only
 * {@code Authorization: Bearer <JWT>} counts. The token must be RS256-signed (never {@code none} nor an HMAC, whose
 * "secret" would be the public key) by a key of the tenant's published set, issued by the tenant's v2.0 endpoint, for
 * this app registration ({@code aud} its client id or {@code api://} it), within its lifetime give or take
 * {@link #CLOCK_SKEW_SECONDS}, and name an {@code oid}. It maps to the same {@link Caller} as the principal headers:
 * {@code oid} (why: see {@link CallerIdentity}), {@code name} or {@code preferred_username}, {@code roles}.
 */
final class EntraTokenAuthentication implements CallerAuthentication {

    static final int CLOCK_SKEW_SECONDS = 120;
    private static final String BEARER = "bearer ";
    private static final int MAX_TOKEN_CHARS = 16 * 1024;
    private static final String OBJECT_ID = "oid";
    private static final Logger log = LoggerFactory.getLogger(EntraTokenAuthentication.class);

    private final ConfigurableJWTProcessor<SecurityContext> processor = new DefaultJWTProcessor<>();

    EntraTokenAuthentication(String tenant, String clientId, JWKSource<SecurityContext> keys) {
        processor.setJWSKeySelector(new JWSVerificationKeySelector<>(JWSAlgorithm.RS256, keys));
        DefaultJWTClaimsVerifier<SecurityContext> claims = new DefaultJWTClaimsVerifier<>(
                // nimbus asks these sets whether they hold null, which Set.of answers with an exception
                new HashSet<>(List.of(clientId, "api://" + clientId)),
                new JWTClaimsSet.Builder().issuer(AuthSettings.issuer(tenant)).build(),
                new HashSet<>(List.of("exp", OBJECT_ID)), new HashSet<>());
        claims.setMaxClockSkew(CLOCK_SKEW_SECONDS);
        processor.setJWTClaimsSetVerifier(claims);
    }

    @Override
    public Optional<Caller> caller(Map<String, String> headers) {
        Optional<String> token = bearerToken(headers);
        if (token.isEmpty()) {
            return Optional.empty();
        }
        JWTClaimsSet claims = validated(token.get());
        try {
            String objectId = claims.getStringClaim(OBJECT_ID);
            if (objectId == null || !UserId.isValid(objectId)) {
                throw invalid("its oid is not a customer id");
            }
            String name = Optional.ofNullable(text(claims, "name"))
                    .or(() -> Optional.ofNullable(text(claims, "preferred_username"))).orElse(objectId);
            List<String> roles = claims.getClaim("roles") == null ? List.of() : claims.getStringListClaim("roles");
            return Optional.of(new Caller(new UserId(objectId), name, new LinkedHashSet<>(roles)));
        } catch (ParseException e) {
            throw invalid("its oid, name or roles are not strings");
        }
    }

    private JWTClaimsSet validated(String token) {
        if (token.length() > MAX_TOKEN_CHARS) {
            throw invalid("it is longer than " + MAX_TOKEN_CHARS + " characters");
        }
        try {
            return processor.process(token, null);
        } catch (KeySourceException e) {
            throw AccessRefusedException.unavailable("the sign-in keys cannot be fetched right now; try again shortly");
        } catch (ParseException | BadJOSEException | JOSEException e) {
            throw invalid(e.getMessage());
        } catch (RuntimeException e) {
            // a hostile token may trip the parser in ways it does not declare; it is still only an invalid token
            throw invalid(e.toString());
        }
    }

    private static AccessRefusedException invalid(String why) {
        log.info("bearer token refused: {}", why);
        return AccessRefusedException.unauthenticated(
                "the bearer token is not a valid Microsoft Entra token for this app; sign in again");
    }

    private static String text(JWTClaimsSet claims, String name) {
        try {
            return claims.getStringClaim(name);
        } catch (ParseException e) {
            return null;
        }
    }

    private static Optional<String> bearerToken(Map<String, String> headers) {
        if (headers == null) {
            return Optional.empty();
        }
        return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase("Authorization"))
                .map(Map.Entry::getValue)
                .filter(v -> v != null && v.length() > BEARER.length()
                        && v.regionMatches(true, 0, BEARER, 0, BEARER.length()))
                .map(v -> v.substring(BEARER.length()).trim()).filter(v -> !v.isEmpty()).findFirst();
    }
}
