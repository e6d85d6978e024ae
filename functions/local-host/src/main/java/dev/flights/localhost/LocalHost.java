package dev.flights.localhost;

import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts the local host: {@code --port N} (or the {@code PORT} variable) changes the port from 7071.
 * App settings come from system properties and environment variables, as in a Function App.
 */
public final class LocalHost {

    private static final Logger log = LoggerFactory.getLogger(LocalHost.class);

    private LocalHost() {
    }

    public static void main(String[] args) throws Exception {
        int port = port(args);
        LocalHostRuntime runtime = LocalHostRuntime.start(LocalHostOptions.defaults().withPort(port));
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            runtime.close();
            stopped.countDown();
        }, "local-host-shutdown"));
        log.info("Ready: try curl {}/api/accounts/alice (Ctrl+C stops)", runtime.baseUri());
        stopped.await();
    }

    static int port(String[] args) {
        String value = System.getenv().getOrDefault("PORT", Integer.toString(LocalHostOptions.DEFAULT_PORT));
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--port") && i + 1 < args.length) {
                value = args[i + 1];
            } else if (args[i].startsWith("--port=")) {
                value = args[i].substring("--port=".length());
            }
        }
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
}
