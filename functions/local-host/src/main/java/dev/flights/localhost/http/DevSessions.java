package dev.flights.localhost.http;

import dev.flights.contract.UserId;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The local host's token store for dev sign-ins. A token is 256 bits from {@link SecureRandom}, so it cannot be
 * guessed; it names a session that ends at sign-out or when its lifetime is over (8 hours by default, App Service's
 * default session lifetime too). Sessions live in memory only: restarting the host signs everybody out.
 */
final class DevSessions {

    static final Duration DEFAULT_LIFETIME = Duration.ofHours(8);
    static final String LIFETIME_SETTING = "FLIGHTS_DEV_SIGN_IN_LIFETIME";
    private static final int TOKEN_BYTES = 32;

    private final SecureRandom random = new SecureRandom();
    private final Map<String, DevSession> sessions = new ConcurrentHashMap<>();
    private final Clock clock;
    private final Duration lifetime;

    DevSessions(Clock clock, Duration lifetime) {
        if (lifetime.isNegative() || lifetime.isZero()) {
            throw new IllegalArgumentException("a dev sign-in lasts a positive time, not " + lifetime);
        }
        this.clock = clock;
        this.lifetime = lifetime;
    }

    /**
     * Sessions lasting {@value #LIFETIME_SETTING} (a system property or environment variable, an ISO-8601 duration
     * such as {@code PT30M}), or {@link #DEFAULT_LIFETIME}.
     */
    static DevSessions configured() {
        String value = System.getProperty(LIFETIME_SETTING, System.getenv(LIFETIME_SETTING));
        if (value == null || value.isBlank()) {
            return new DevSessions(Clock.systemUTC(), DEFAULT_LIFETIME);
        }
        try {
            return new DevSessions(Clock.systemUTC(), Duration.parse(value.trim()));
        } catch (java.time.format.DateTimeParseException e) {
            throw new IllegalArgumentException(LIFETIME_SETTING + " is an ISO-8601 duration such as PT30M, was '"
                    + value + "'", e);
        }
    }

    DevSession signIn(UserId userId, List<String> roles) {
        sessions.values().removeIf(this::expired);
        byte[] bytes = new byte[TOKEN_BYTES];
        random.nextBytes(bytes);
        String token = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        DevSession session = DevSession.of(token, userId, roles, clock.instant().plus(lifetime));
        sessions.put(token, session);
        return session;
    }

    /** The live session of a token; an expired one is forgotten. */
    Optional<DevSession> find(String token) {
        DevSession session = token == null ? null : sessions.get(token);
        if (session == null) {
            return Optional.empty();
        }
        if (expired(session)) {
            sessions.remove(token);
            return Optional.empty();
        }
        return Optional.of(session);
    }

    void end(String token) {
        if (token != null) {
            sessions.remove(token);
        }
    }

    private boolean expired(DevSession session) {
        return !clock.instant().isBefore(session.expiresOn());
    }
}
