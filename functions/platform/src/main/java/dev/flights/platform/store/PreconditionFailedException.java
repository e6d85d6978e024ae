package dev.flights.platform.store;

/** The document changed since it was read (ETag mismatch): read again and retry. */
public class PreconditionFailedException extends StoreException {

    public PreconditionFailedException(String message) {
        super(412, message, null);
    }

    public PreconditionFailedException(String message, Throwable cause) {
        super(412, message, cause);
    }
}
