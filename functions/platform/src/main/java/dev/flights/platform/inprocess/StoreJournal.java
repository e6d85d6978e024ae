package dev.flights.platform.inprocess;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.flights.contract.codec.EventCodec;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The document store's journal: one record per write (a batch is one record, so it is kept or lost whole) with the
 * container's name and the documents as stored; a snapshot holds each container's documents and change feed order,
 * so the change-feed leases (documents in the {@code leases} container) go on from where they were.
 */
final class StoreJournal implements DocumentJournal, JournalFile.Codec<InMemoryDocumentStore> {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final byte[] C_FIELD = "{\"c\":".getBytes(StandardCharsets.UTF_8);
    private static final byte[] D_FIELD = ",\"d\":[".getBytes(StandardCharsets.UTF_8);
    private static final byte[] END = "]}".getBytes(StandardCharsets.UTF_8);

    private JournalFile<InMemoryDocumentStore> file;

    void writeTo(JournalFile<InMemoryDocumentStore> journal) {
        this.file = journal;
    }

    @Override
    public void stored(String container, List<ObjectNode> documents) {
        if (documents.stream().allMatch(d -> d instanceof StoredDocument stored && stored.storedText() != null)) {
            file.append(record(container, documents));
            return;
        }
        ObjectNode record = NODES.objectNode().put("c", container);
        record.putArray("d").addAll(documents);
        file.append(record);
    }

    /**
     * The record {@code {"c":<container>,"d":[<documents>]}} as bytes, each document the text the container made of
     * it already (the same JSON the record's tree would be written as), not written out a second time.
     */
    static byte[] record(String container, List<ObjectNode> documents) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(
                64 + documents.stream().mapToInt(d -> ((StoredDocument) d).storedText().length + 1).sum());
        try {
            out.write(C_FIELD);
            out.write(EventCodec.json().writeValueAsBytes(container));
            out.write(D_FIELD);
            for (int i = 0; i < documents.size(); i++) {
                if (i > 0) {
                    out.write(',');
                }
                out.write(((StoredDocument) documents.get(i)).storedText());
            }
            out.write(END);
        } catch (IOException e) {
            throw new UncheckedIOException("writing to memory", e);
        }
        return out.toByteArray();
    }

    @Override
    public InMemoryDocumentStore empty() {
        return new InMemoryDocumentStore();
    }

    @Override
    public void apply(InMemoryDocumentStore store, JsonNode record) {
        List<ObjectNode> documents = new ArrayList<>();
        record.path("d").forEach(d -> documents.add((ObjectNode) d));
        store.containerNamed(record.path("c").asText()).replay(documents);
    }

    @Override
    public void restore(InMemoryDocumentStore store, JsonNode record) {
        store.containerNamed(record.path("c").asText()).restore((ObjectNode) record.path("state"));
    }

    @Override
    public List<JsonNode> snapshot(InMemoryDocumentStore store) {
        List<JsonNode> records = new ArrayList<>();
        store.containers().forEach((name, container) -> {
            ObjectNode record = NODES.objectNode().put("c", name);
            record.set("state", container.exportState());
            records.add(record);
        });
        return records;
    }

    /** How many documents the store holds. */
    static int documentCount(InMemoryDocumentStore store) {
        return store.containers().values().stream().mapToInt(InMemoryDocumentContainer::size).sum();
    }
}
