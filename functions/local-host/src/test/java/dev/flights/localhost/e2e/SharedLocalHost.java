package dev.flights.localhost.e2e;

import dev.flights.localhost.HostJson;
import dev.flights.localhost.LocalHostOptions;
import dev.flights.localhost.LocalHostRuntime;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;

/**
 * One local host for every end-to-end test in the JVM, on a free port, with the topic as host.json configures it
 * and short retry, circuit and relay-grace timings, so that N2, N3, store outages and crashes between an outbox
 * commit and its publish play out in seconds. Tests use their own customers, so they do not see each other's money.
 */
final class SharedLocalHost {

    static final Map<String, String> FAST_SETTINGS = Map.of(
            "payment.retry.delay", "300ms",
            "payment.circuit.open-duration", "500ms",
            "message.retry.first-delay", "500ms",
            "message.retry.max-delay", "4s",
            "outbox.relay-grace", "3s");

    /** Caps every change-feed wait (poll delay, retry interval) so sagas play out in fractions of a second. */
    static final long CHANGE_FEED_POLL_MILLIS = 20;

    private static LocalHostRuntime runtime;

    private SharedLocalHost() {
    }

    static synchronized LocalHostRuntime get() {
        if (runtime == null) {
            try {
                runtime = LocalHostRuntime.start(new LocalHostOptions(0, FAST_SETTINGS, CHANGE_FEED_POLL_MILLIS,
                        HostJson.topicSettings()));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            Runtime.getRuntime().addShutdownHook(new Thread(runtime::close));
        }
        return runtime;
    }
}
