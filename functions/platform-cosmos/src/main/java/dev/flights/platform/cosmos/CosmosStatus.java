package dev.flights.platform.cosmos;

import com.azure.cosmos.CosmosException;
import dev.flights.platform.store.DocumentConflictException;
import dev.flights.platform.store.DocumentNotFoundException;
import dev.flights.platform.store.PreconditionFailedException;
import dev.flights.platform.store.StoreException;
import dev.flights.platform.store.StoreUnavailableException;
import java.util.Set;

/**
 * Translates Cosmos DB status codes into the port's exceptions: 409, 412 and 404 keep their meaning; throttling,
 * timeouts, a gone or unavailable service and client-side failures (status 0) are transient; anything else is a
 * request the store refused.
 */
public final class CosmosStatus {

    /** 408 timeout, 410 gone, 429 throttled, 449 retry-with, 500/502/503/504 service trouble, 0 no answer. */
    private static final Set<Integer> TRANSIENT = Set.of(0, 408, 410, 429, 449, 500, 502, 503, 504);

    private CosmosStatus() {
    }

    public static StoreException toStoreException(String what, CosmosException e) {
        return toStoreException(what, e.getStatusCode(), e.getSubStatusCode(), e);
    }

    public static StoreException toStoreException(String what, int statusCode, int subStatusCode, Throwable cause) {
        String message = what + ": Cosmos DB answered " + statusCode
                + (subStatusCode != 0 ? "/" + subStatusCode : "");
        if (statusCode == 409) {
            return new DocumentConflictException(message, cause);
        }
        if (statusCode == 412) {
            return new PreconditionFailedException(message, cause);
        }
        if (statusCode == 404) {
            return new DocumentNotFoundException(message, cause);
        }
        if (isTransient(statusCode)) {
            return new StoreUnavailableException(message, cause);
        }
        return new CosmosRequestRejectedException(statusCode, message, cause);
    }

    public static boolean isTransient(int statusCode) {
        return TRANSIENT.contains(statusCode);
    }
}
