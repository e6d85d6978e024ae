package dev.flights.platform.auth;

import com.nimbusds.jose.KeySourceException;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSelector;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;
import java.io.IOException;
import java.net.URI;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The tenant's token-signing keys, fetched from its JWKS address and kept. A token signed with a key not kept (Entra
 * rotated its keys) fetches them again, but at most once per {@link #REFETCH_INTERVAL}, so that tokens with made-up
 * key ids cannot turn the app into a client hammering Entra; between fetches such a token is simply not valid. A fetch
 * waits at most a few seconds; when it fails with no keys kept the caller is told to retry (503), while kept keys go
 * on serving.
 */
final class EntraSigningKeys implements JWKSource<SecurityContext> {

    /** Signing keys fetched by the app, from its tenant's published key set. */
    @FunctionalInterface
    interface Fetch {
        JWKSet keys() throws IOException, ParseException;
    }

    static final Duration REFETCH_INTERVAL = Duration.ofMinutes(5);
    /** Keys are looked at again daily even when every kid is known, so that a withdrawn key stops being accepted. */
    static final Duration MAX_AGE = Duration.ofHours(24);
    private static final Duration RETRY_AFTER_FAILURE = Duration.ofSeconds(10);
    private static final int TIMEOUT_MILLIS = 3_000;
    private static final int MAX_BYTES = 256 * 1024;
    private static final Logger log = LoggerFactory.getLogger(EntraSigningKeys.class);

    private final Fetch fetch;
    private final Clock clock;
    private JWKSet kept;
    private Instant fetchedAt = Instant.MIN;
    private Instant nextFetch = Instant.MIN;

    EntraSigningKeys(Fetch fetch, Clock clock) {
        this.fetch = fetch;
        this.clock = clock;
    }

    static EntraSigningKeys fetchedFrom(URI keys, Clock clock) {
        return new EntraSigningKeys(() -> JWKSet.load(keys.toURL(), TIMEOUT_MILLIS, TIMEOUT_MILLIS, MAX_BYTES), clock);
    }

    @Override
    public synchronized List<JWK> get(JWKSelector selector, SecurityContext context) throws KeySourceException {
        Instant now = clock.instant();
        List<JWK> found = kept == null ? List.of() : selector.select(kept);
        boolean stale = kept != null && now.isAfter(fetchedAt.plus(MAX_AGE));
        if ((found.isEmpty() || stale) && !now.isBefore(nextFetch)) {
            refetch(now);
            found = selector.select(kept == null ? new JWKSet() : kept);
        }
        if (kept == null) {
            throw new KeySourceException("the tenant's signing keys could not be fetched");
        }
        return found;
    }

    private void refetch(Instant now) {
        try {
            kept = fetch.keys().toPublicJWKSet();
            fetchedAt = now;
            nextFetch = now.plus(REFETCH_INTERVAL);
            log.info("fetched {} Entra signing keys", kept.getKeys().size());
        } catch (IOException | ParseException | RuntimeException e) {
            nextFetch = now.plus(RETRY_AFTER_FAILURE);
            log.warn("the Entra signing keys could not be fetched{}: {}", kept == null ? "" : " (the kept ones serve)",
                    e.toString());
        }
    }
}
