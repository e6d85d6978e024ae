package dev.flights.platform.auth;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/** Tokens shaped as Microsoft Entra ID issues them (v2.0, for the app registration), signed with a test's own keys. */
final class EntraTokens {

    static final String TENANT = "72f988bf-86f1-41af-91ab-2d7cd011db47";
    static final String CLIENT = "6f1e3b2a-0000-4000-8000-000000000001";
    static final String ALICE = "3f2c1d4e-5b6a-4c7d-8e9f-0a1b2c3d4e5f";

    private EntraTokens() {
    }

    /** Alice's claims, valid for an hour from now; a test changes what it is about. */
    static JWTClaimsSet.Builder claims() {
        Instant now = Instant.now();
        return new JWTClaimsSet.Builder().issuer("https://login.microsoftonline.com/" + TENANT + "/v2.0")
                .audience(CLIENT).issueTime(Date.from(now)).notBeforeTime(Date.from(now))
                .expirationTime(Date.from(now.plus(Duration.ofHours(1)))).claim("oid", ALICE)
                .claim("name", "Alice Kim").claim("preferred_username", "alice@contoso.com")
                .claim("roles", List.of("admin")).claim("tid", TENANT);
    }

    /** RS256 over the changed claims, with the key's id in {@code kid}. */
    static String token(RSAKey key, UnaryOperator<JWTClaimsSet.Builder> change) throws JOSEException {
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID()).build(),
                change.apply(claims()).build());
        jwt.sign(new RSASSASigner(key));
        return jwt.serialize();
    }

    static Map<String, String> bearer(String token) {
        return Map.of("Authorization", "Bearer " + token);
    }
}
