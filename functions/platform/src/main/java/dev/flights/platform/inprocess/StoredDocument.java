package dev.flights.platform.inprocess;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.flights.contract.codec.EventCodec;
import dev.flights.platform.store.SizedDocument;
import java.io.IOException;

/**
 * A document as the in-memory container hands it out: a tree of its own, and the size of the text the container
 * keeps for it (so that metering need not write it out again).
 */
final class StoredDocument extends ObjectNode implements SizedDocument {

    private static final long serialVersionUID = 1L;

    /** Makes the first object node of a parse (the root) a {@code StoredDocument} of the size given beforehand. */
    private static final class RootFactory extends JsonNodeFactory {

        private static final long serialVersionUID = 1L;
        private static final ThreadLocal<long[]> ROOT_SIZE = ThreadLocal.withInitial(() -> new long[] {-1});

        @Override
        public ObjectNode objectNode() {
            long[] root = ROOT_SIZE.get();
            if (root[0] < 0) {
                return super.objectNode();
            }
            StoredDocument document = new StoredDocument(this);
            document.storedBytes = root[0];
            root[0] = -1;
            return document;
        }
    }

    private static final ObjectReader READER = EventCodec.json().reader().with(new RootFactory());

    private long storedBytes = -1;
    /** The text {@link #text} made (the container's own array, never changed), null before. */
    private transient byte[] text;

    private StoredDocument(JsonNodeFactory factory) {
        super(factory);
    }

    /** The document {@code json} (an object) holds, as a tree of its own. */
    static StoredDocument parse(byte[] json) throws IOException {
        long[] root = RootFactory.ROOT_SIZE.get();
        root[0] = json.length;
        try {
            return (StoredDocument) READER.readTree(json);
        } finally {
            root[0] = -1;
        }
    }

    /** A deep copy of {@code document}, whose size is told later ({@link #storedAs}). */
    static StoredDocument copyOf(ObjectNode document) {
        StoredDocument copy = new StoredDocument(JsonNodeFactory.instance);
        document.fields().forEachRemaining(field -> copy.set(field.getKey(), field.getValue().deepCopy()));
        return copy;
    }

    /** This document's text as the container keeps it. */
    byte[] text() throws JsonProcessingException {
        byte[] json = EventCodec.json().writeValueAsBytes(this);
        storedBytes = json.length;
        text = json;
        return json;
    }

    /** The text the container keeps for this document, as {@link #text} made it; null when it has not. */
    byte[] storedText() {
        return text;
    }

    /** The size of the stored text; -1 until it is known. */
    @Override
    public long storedBytes() {
        return storedBytes;
    }
}
