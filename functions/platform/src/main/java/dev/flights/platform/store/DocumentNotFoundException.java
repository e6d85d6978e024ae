package dev.flights.platform.store;

/** The document to replace is not there. */
public class DocumentNotFoundException extends StoreException {

    public DocumentNotFoundException(String message) {
        super(404, message, null);
    }

    public DocumentNotFoundException(String message, Throwable cause) {
        super(404, message, cause);
    }
}
