package dev.flights.platform.store;

import java.util.function.Supplier;

/**
 * Runs a read-modify-write again when another writer got there first (412 on the ETag, or 409 on a create),
 * so a lost race turns into a decision on fresh state rather than an error.
 */
public final class OptimisticRetry {

    private static final int ATTEMPTS = 20;

    private OptimisticRetry() {
    }

    public static <T> T run(Supplier<T> readModifyWrite) {
        StoreException last = null;
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            try {
                return readModifyWrite.get();
            } catch (PreconditionFailedException | DocumentConflictException e) {
                last = e;
                Thread.onSpinWait();
            }
        }
        throw last;
    }
}
