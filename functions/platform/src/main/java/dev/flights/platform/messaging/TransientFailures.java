package dev.flights.platform.messaging;

import dev.flights.platform.store.DocumentConflictException;
import dev.flights.platform.store.PreconditionFailedException;
import dev.flights.platform.store.StoreUnavailableException;

/**
 * Which failures of a topic-triggered function cure themselves with time: the store unavailable or throttled, and
 * an optimistic race lost on every try (a 412 or 409 that escaped {@link dev.flights.platform.store.OptimisticRetry}),
 * which fresh state decides later. A malformed message, a rejected request or a bug does not: those take the
 * message's deliveries to the dead-letter queue, where an operator sees them.
 */
public final class TransientFailures {

    private TransientFailures() {
    }

    public static boolean isTransient(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof StoreUnavailableException || t instanceof PreconditionFailedException
                    || t instanceof DocumentConflictException) {
                return true;
            }
        }
        return false;
    }
}
