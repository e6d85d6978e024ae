package dev.flights.platform.store;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;

/** Operations on one logical partition, applied all or nothing (a state change and its outbox events). */
public final class TransactionalBatch {

    public enum Kind { CREATE, REPLACE, UPSERT }

    /** {@code ifMatch} is the ETag a REPLACE requires; null means unconditional. */
    public record Operation(Kind kind, ObjectNode document, String ifMatch) {
    }

    private final String partitionKey;
    private final List<Operation> operations = new ArrayList<>();

    private TransactionalBatch(String partitionKey) {
        this.partitionKey = partitionKey;
    }

    public static TransactionalBatch in(String partitionKey) {
        return new TransactionalBatch(partitionKey);
    }

    /** Fails with {@link DocumentConflictException} when the id exists. */
    public TransactionalBatch create(ObjectNode document) {
        operations.add(new Operation(Kind.CREATE, document, null));
        return this;
    }

    /** Fails with {@link PreconditionFailedException} when the stored ETag is not {@code ifMatch}. */
    public TransactionalBatch replace(ObjectNode document, String ifMatch) {
        operations.add(new Operation(Kind.REPLACE, document, ifMatch));
        return this;
    }

    public TransactionalBatch upsert(ObjectNode document) {
        operations.add(new Operation(Kind.UPSERT, document, null));
        return this;
    }

    /** Creates when {@code etag} is null (the document was not there when read), replaces with If-Match otherwise. */
    public TransactionalBatch write(ObjectNode document, String etag) {
        return etag == null ? create(document) : replace(document, etag);
    }

    public String partitionKey() {
        return partitionKey;
    }

    public List<Operation> operations() {
        return List.copyOf(operations);
    }
}
