package dev.flights.localhost.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flights.localhost.HostJson;
import dev.flights.localhost.LocalHostOptions;
import dev.flights.localhost.LocalHostRuntime;
import dev.flights.platform.messaging.OutgoingMessage;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Sessions as one Functions instance processes them: one consumer holds a session's lock, so a reservation's messages
 * are handled one at a time and in order on every subscription, while different reservations run side by side, at
 * most maxConcurrentSessions of them per subscription. The host runs with two sessions (and a short idle timeout) so
 * the limit is reached; everything else is host.json's.
 */
class SessionLockIT {

    private static final int MAX_CONCURRENT_SESSIONS = 2;

    private static LocalHostRuntime host;
    private static Api api;

    @BeforeAll
    static void start() throws Exception {
        host = LocalHostRuntime.start(new LocalHostOptions(0, SharedLocalHost.FAST_SETTINGS,
                SharedLocalHost.CHANGE_FEED_POLL_MILLIS, HostJson.topicSettings()
                        .withMaxConcurrentSessions(MAX_CONCURRENT_SESSIONS)
                        .withSessionIdleTimeout(Duration.ofMillis(200))));
        api = new Api(host.baseUri());
    }

    @AfterAll
    static void stop() {
        if (host != null) {
            host.close();
        }
    }

    @Test
    void aReservationsMessagesAreHandledOneAtATimeInOrderWhileReservationsRunSideBySideUpToTheLimit() throws Exception {
        // every function takes 100 ms, so sessions with messages waiting overlap and the limit is reached
        DeliveryLog deliveries = DeliveryLog.on(host.topic(), Duration.ofMillis(100));
        List<String> ids = reserveConcurrently(12);
        for (String id : ids) {
            api.awaitStatus(id, "TICKETED");
        }
        host.awaitQuiet(Duration.ofSeconds(20));
        List<DeliveryLog.Entry> log = deliveries.entries();

        Map<String, Integer> mostSessions = new HashMap<>();
        Map<String, Set<String>> inFlight = new HashMap<>();
        Map<String, List<String>> handled = new HashMap<>();
        for (DeliveryLog.Entry e : log) {
            Set<String> sessions = inFlight.computeIfAbsent(e.subscription(), s -> new HashSet<>());
            String session = e.message().sessionId();
            if (e.start()) {
                assertThat(sessions.add(session)).as("%s: a second message of %s began while one was in flight",
                        e.subscription(), session).isTrue();
                mostSessions.merge(e.subscription(), sessions.size(), Math::max);
            } else {
                sessions.remove(session);
                handled.computeIfAbsent(e.subscription() + "/" + session, k -> new ArrayList<>())
                        .add(e.message().messageId());
            }
        }
        assertThat(mostSessions.values()).allMatch(n -> n <= MAX_CONCURRENT_SESSIONS);
        assertThat(mostSessions.get("notify")).as("reservations ran side by side").isEqualTo(MAX_CONCURRENT_SESSIONS);
        for (String subscription : host.topic().subscriptionNames()) {
            for (String id : ids) {
                assertThat(handled.getOrDefault(subscription + "/" + id, List.of()))
                        .as("%s handled the messages of %s in the order the topic took them", subscription, id)
                        .containsExactlyElementsOf(published(subscription, id));
            }
        }
    }

    private List<String> published(String subscription, String session) {
        return host.topic().acceptedMessages().stream()
                .filter(m -> m.sessionId().equals(session) && m.to() == null
                        && host.topic().accepts(subscription, m.type()))
                .map(OutgoingMessage::messageId).toList();
    }

    private static List<String> reserveConcurrently(int count) throws Exception {
        ExecutorService clients = Executors.newFixedThreadPool(count);
        try {
            List<Future<String>> reservations = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                String customer = Api.newCustomer();
                String flight = "KE" + (300 + i);
                reservations.add(clients.submit(() -> {
                    api.deposit(customer, 100);
                    return api.reserve(customer, flight);
                }));
            }
            List<String> ids = new ArrayList<>();
            for (Future<String> reservation : reservations) {
                ids.add(reservation.get());
            }
            return ids;
        } finally {
            clients.shutdownNow();
        }
    }
}
