package dev.flights.localhost;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/**
 * Tells when the host has nothing left to do: no message waits or is in flight and every change feed is caught up.
 * One quiet look can fall between a delivery and the event it publishes, so waiting asks for several in a row.
 */
final class QuietWatch {

    private static final int QUIET_CHECKS = 3;
    private static final long CHECK_MILLIS = 60;

    private final BooleanSupplier quiet;

    QuietWatch(BooleanSupplier quiet) {
        this.quiet = quiet;
    }

    boolean isQuiet() {
        return quiet.getAsBoolean();
    }

    void await(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        int quietChecks = 0;
        while (quietChecks < QUIET_CHECKS) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the host did not become quiet within " + timeout);
            }
            quietChecks = isQuiet() ? quietChecks + 1 : 0;
            try {
                Thread.sleep(CHECK_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for quiet", e);
            }
        }
    }
}
