package dev.flights.localhost.e2e;

import dev.flights.localhost.LocalHostOptions;
import dev.flights.localhost.LocalHostRuntime;
import dev.flights.platform.inprocess.TopicSettings;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.Map;

/**
 * One local host for every end-to-end test in the JVM, on a free port, with short retry and circuit timings so
 * that N2 and N3 play out in seconds. Tests use their own customers, so they do not see each other's money.
 */
final class SharedLocalHost {

    static final Map<String, String> FAST_SETTINGS = Map.of(
            "payment.retry.delay", "300ms",
            "payment.circuit.open-duration", "500ms");

    private static LocalHostRuntime runtime;

    private SharedLocalHost() {
    }

    static synchronized LocalHostRuntime get() {
        if (runtime == null) {
            try {
                runtime = LocalHostRuntime.start(new LocalHostOptions(0, FAST_SETTINGS, 20,
                        new TopicSettings(8, Duration.ofMinutes(10), Duration.ofMillis(20), Duration.ofMillis(200))));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            Runtime.getRuntime().addShutdownHook(new Thread(runtime::close));
        }
        return runtime;
    }
}
