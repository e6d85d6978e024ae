package dev.flights.platform.cosmos;

import dev.flights.platform.store.StoreException;

/**
 * Cosmos DB refused a request for a reason retrying does not cure (400, 401, 403, 413 …): a bug or a missing role
 * assignment, not a race and not an outage.
 */
public class CosmosRequestRejectedException extends StoreException {

    public CosmosRequestRejectedException(int statusCode, String message, Throwable cause) {
        super(statusCode, message, cause);
    }
}
