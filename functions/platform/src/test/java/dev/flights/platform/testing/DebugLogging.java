package dev.flights.platform.testing;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs something with the apps' loggers ({@code dev.flights}) at DEBUG, as the app setting
 * {@code LOGGING_LEVEL_DEV_FLIGHTS=DEBUG} sets them, and puts the level back afterwards: the per-event lines
 * (received, recorded, paid, issued...) are DEBUG.
 */
public final class DebugLogging {

    /** What is run. */
    @FunctionalInterface
    public interface Action {
        void run() throws Exception;
    }

    private DebugLogging() {
    }

    public static void during(Action action) throws Exception {
        Logger logger = (Logger) LoggerFactory.getLogger("dev.flights");
        Level configured = logger.getLevel();
        logger.setLevel(Level.DEBUG);
        try {
            action.run();
        } finally {
            logger.setLevel(configured);
        }
    }
}
