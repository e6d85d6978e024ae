package dev.flights.platform.store;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Optional;

/**
 * One container. Documents are JSON objects with a string {@code id} and a partition key field named by
 * {@link #partitionKeyField()}; the store sets {@code _etag} on every write. Every method may throw
 * {@link StoreUnavailableException} when the store is throttled or down; callers treat it as transient.
 */
public interface DocumentContainer {

    String name();

    /** The document field that holds the partition key (the Cosmos partition key path without its slash). */
    String partitionKeyField();

    /** A point read; empty when no document has that id in that partition. */
    Optional<ObjectNode> read(String partitionKey, String id);

    /** Documents of one partition matching the query. */
    List<ObjectNode> query(String partitionKey, DocumentQuery query);

    /** Creates or replaces unconditionally; returns the stored document with its new ETag. */
    ObjectNode upsert(ObjectNode document);

    /**
     * Applies every operation or none (Cosmos transactional batch): the first failing operation throws
     * {@link DocumentConflictException}, {@link PreconditionFailedException} or
     * {@link DocumentNotFoundException} and nothing is written. Returns the stored documents in order.
     */
    List<ObjectNode> execute(TransactionalBatch batch);

    /**
     * Changes in the order they were written (per partition at least), latest version of each document.
     * {@code continuation} null starts at the beginning; pass the page's continuation to go on.
     */
    ChangeFeedPage readChanges(String continuation, int maxItems);
}
