package dev.flights.platform.store;

/** A document with that id already exists in the partition. */
public class DocumentConflictException extends StoreException {

    public DocumentConflictException(String message) {
        super(409, message, null);
    }

    public DocumentConflictException(String message, Throwable cause) {
        super(409, message, cause);
    }
}
