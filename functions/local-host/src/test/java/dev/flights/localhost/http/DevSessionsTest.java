package dev.flights.localhost.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.flights.contract.UserId;
import dev.flights.platform.auth.Caller;
import dev.flights.platform.auth.CallerIdentity;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class DevSessionsTest {

    private static final Instant NOON = Instant.parse("2026-12-02T12:00:00Z");

    /** A clock the test moves. */
    private static final class TestClock extends Clock {
        private Instant now = NOON;

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    private final TestClock clock = new TestClock();
    private final DevSessions sessions = new DevSessions(clock, Duration.ofMinutes(30));

    @Test
    void aTokenIs256RandomBitsAndNeverRepeats() {
        Set<String> tokens = new HashSet<>();
        for (int i = 0; i < 1000; i++) {
            tokens.add(sessions.signIn(new UserId("alice"), List.of()).token());
        }

        assertThat(tokens).hasSize(1000).allSatisfy(token -> assertThat(token).matches("[A-Za-z0-9_-]{43}"));
    }

    @Test
    void aSessionLastsItsLifetimeAndNotASecondMore() {
        DevSession session = sessions.signIn(new UserId("alice"), List.of("admin"));

        clock.now = NOON.plus(Duration.ofMinutes(30)).minusSeconds(1);
        assertThat(sessions.find(session.token())).contains(session);
        clock.now = NOON.plus(Duration.ofMinutes(30));
        assertThat(sessions.find(session.token())).isEmpty();
        clock.now = NOON;
        assertThat(sessions.find(session.token())).as("an expired session is forgotten").isEmpty();
    }

    @Test
    void signingOutEndsTheSessionAndUnknownTokensFindNothing() {
        DevSession session = sessions.signIn(new UserId("alice"), List.of());

        sessions.end(session.token());

        assertThat(sessions.find(session.token())).isEmpty();
        assertThat(sessions.find("guess")).isEmpty();
        assertThat(sessions.find(null)).isEmpty();
    }

    @Test
    void theSessionsPrincipalHeadersMapToTheSignedInCallerWithTheCodeTheAppsRun() {
        DevSession session = sessions.signIn(new UserId("alice"), List.of("admin"));

        Caller caller = CallerIdentity.from(session.principalHeaders()).orElseThrow();

        assertThat(caller.userId()).isEqualTo(new UserId("alice"));
        assertThat(caller.isAdmin()).isTrue();
        assertThat(session.principalHeaders()).containsKeys("X-MS-CLIENT-PRINCIPAL", "X-MS-CLIENT-PRINCIPAL-ID",
                "X-MS-CLIENT-PRINCIPAL-NAME", "X-MS-CLIENT-PRINCIPAL-IDP");
    }

    @Test
    void theLifetimeMustBePositive() {
        assertThatThrownBy(() -> new DevSessions(clock, Duration.ZERO)).isInstanceOf(IllegalArgumentException.class);
    }
}
