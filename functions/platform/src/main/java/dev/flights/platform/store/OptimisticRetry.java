package dev.flights.platform.store;

import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;

/**
 * Runs a read-modify-write again when another writer got there first (412 on the ETag, or 409 on a create),
 * so a lost race turns into a decision on fresh state rather than an error. Between attempts it waits a short,
 * growing, random time, so that writers racing for one document spread out instead of colliding again.
 */
public final class OptimisticRetry {

    private static final int ATTEMPTS = 20;
    private static final long MAX_PAUSE_MILLIS = 50;

    private OptimisticRetry() {
    }

    /** @throws PreconditionFailedException or DocumentConflictException when every attempt lost its race */
    public static <T> T run(Supplier<T> readModifyWrite) {
        StoreException last = null;
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            try {
                return readModifyWrite.get();
            } catch (PreconditionFailedException | DocumentConflictException e) {
                last = e;
                pause(attempt);
            }
        }
        throw last;
    }

    private static void pause(int attempt) {
        long bound = Math.min(MAX_PAUSE_MILLIS, 1L << attempt);
        try {
            Thread.sleep(ThreadLocalRandom.current().nextLong(bound + 1));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
