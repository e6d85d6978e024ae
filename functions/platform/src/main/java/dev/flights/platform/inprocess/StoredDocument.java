package dev.flights.platform.inprocess;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.flights.platform.store.SizedDocument;
import java.util.LinkedHashMap;
import java.util.Map;

/** A document as the in-memory container hands it out: a tree of its own, and the size of the text it keeps. */
final class StoredDocument extends ObjectNode implements SizedDocument {

    private static final long serialVersionUID = 1L;

    private final long storedBytes;

    private StoredDocument(Map<String, JsonNode> fields, long storedBytes) {
        super(JsonNodeFactory.instance, fields);
        this.storedBytes = storedBytes;
    }

    /** {@code document}'s fields (taken over, not copied: the caller lets go of {@code document}). */
    static StoredDocument of(ObjectNode document, long storedBytes) {
        Map<String, JsonNode> fields = new LinkedHashMap<>();
        document.fields().forEachRemaining(field -> fields.put(field.getKey(), field.getValue()));
        return new StoredDocument(fields, storedBytes);
    }

    @Override
    public long storedBytes() {
        return storedBytes;
    }
}
