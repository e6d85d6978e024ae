package dev.flights.platform.store;

/** The store is throttled or down (429, 503, timeouts): transient, try later. */
public class StoreUnavailableException extends StoreException {

    public StoreUnavailableException(String message) {
        super(503, message, null);
    }

    public StoreUnavailableException(String message, Throwable cause) {
        super(503, message, cause);
    }
}
