package dev.flights.platform.store;

/**
 * A document a store handed out that knows how many bytes of JSON it was stored as, so that whoever counts what a
 * request moved ({@link dev.flights.platform.metering.MeteredDocumentStore}) need not write it out again. Only
 * what the store returns is so marked, and only until the caller changes it.
 */
public interface SizedDocument {

    /** The size of the document's JSON text in UTF-8, as stored; -1 when it is not known. */
    long storedBytes();
}
