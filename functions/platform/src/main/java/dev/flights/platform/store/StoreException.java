package dev.flights.platform.store;

/** A store operation that failed, with the HTTP status Cosmos DB would have answered. */
public abstract class StoreException extends RuntimeException {

    private final int statusCode;

    protected StoreException(int statusCode, String message, Throwable cause) {
        super(message, cause);
        this.statusCode = statusCode;
    }

    public int statusCode() {
        return statusCode;
    }
}
