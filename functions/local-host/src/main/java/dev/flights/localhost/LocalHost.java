package dev.flights.localhost;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts the local host: {@code --port N} (or the {@code PORT} variable) changes the port from 7071;
 * {@code --feed-poll-delay MS} caps every change-feed wait (poll delay, retry intervals) for a quick demo, where
 * Azure waits what each trigger's annotation says (the default here too). The data (containers, leases, the topic's
 * messages) is kept in {@code .flights/} at the repository root (the nearest folder up from the working directory
 * that holds {@code host.json}), so a restarted host carries on; {@code --data-dir DIR} keeps it elsewhere,
 * {@code --in-memory} keeps nothing.
 * App settings come from system properties and environment variables, as in a Function App.
 */
public final class LocalHost {

    private static final Logger log = LoggerFactory.getLogger("local-host");

    static final String DATA_DIR = ".flights";

    private LocalHost() {
    }

    public static void main(String[] args) throws Exception {
        LocalHostOptions options = LocalHostOptions.defaults().withPort(port(args))
                .withChangeFeedDelayCap(feedPollDelay(args)).withDataDir(dataDir(args, Path.of("").toAbsolutePath()));
        log.info("Starting the local host: every function app of the class path in this JVM, on port {}",
                options.port());
        LocalHostRuntime runtime = LocalHostRuntime.start(options);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            runtime.close();
            if (options.dataDir() != null) {
                log.info("Stopped; the data is kept in {}: the same command carries on from it", options.dataDir());
            }
            stopped.countDown();
        }, "local-host-shutdown"));
        log.info("Ready: open {}/ and sign in, or sign in from a shell with POST {}/.auth/login/dev (Ctrl+C stops)",
                runtime.baseUri(), runtime.baseUri());
        stopped.await();
    }

    static int port(String[] args) {
        String value = flag(args, "--port", System.getenv().getOrDefault("PORT",
                Integer.toString(LocalHostOptions.DEFAULT_PORT)));
        try {
            int port = Integer.parseInt(value.trim());
            if (port < 0 || port > 65535) {
                throw new NumberFormatException();
            }
            return port;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("the port must be a number from 0 to 65535, was '" + value + "'");
        }
    }

    /**
     * Where the data is kept: {@code --data-dir DIR}, null for {@code --in-memory}, by default {@value #DATA_DIR} in
     * the repository root found from {@code workingDir}.
     */
    static Path dataDir(String[] args, Path workingDir) {
        boolean inMemory = List.of(args).contains("--in-memory");
        String dir = flag(args, "--data-dir", null);
        if (inMemory && dir != null) {
            throw new IllegalArgumentException("--in-memory keeps no data, so it takes no --data-dir (" + dir + ")");
        }
        if (inMemory) {
            return null;
        }
        if (dir != null) {
            if (dir.isBlank()) {
                throw new IllegalArgumentException("--data-dir needs a directory");
            }
            return workingDir.resolve(dir).normalize();
        }
        return repositoryRoot(workingDir).resolve(DATA_DIR);
    }

    /** The nearest folder up from {@code dir} with host.json in it (exec:java may run in the module's folder). */
    static Path repositoryRoot(Path dir) {
        for (Path at = dir.toAbsolutePath(); at != null; at = at.getParent()) {
            if (Files.isRegularFile(at.resolve("host.json"))) {
                return at;
            }
        }
        return dir.toAbsolutePath();
    }

    /** The cap on change-feed waits in milliseconds; 0 (no flag) keeps Azure's. */
    static long feedPollDelay(String[] args) {
        String value = flag(args, "--feed-poll-delay", Long.toString(LocalHostOptions.AZURE_FEED_DELAYS));
        try {
            long millis = Long.parseLong(value.trim());
            if (millis < 0) {
                throw new NumberFormatException();
            }
            return millis;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--feed-poll-delay is a number of milliseconds, 0 or more, was '"
                    + value + "'");
        }
    }

    private static String flag(String[] args, String name, String fallback) {
        String value = fallback;
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals(name) && i + 1 < args.length) {
                value = args[i + 1];
            } else if (args[i].startsWith(name + "=")) {
                value = args[i].substring(name.length() + 1);
            }
        }
        return value;
    }
}
