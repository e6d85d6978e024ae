package dev.flights.platform.inprocess;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;

/**
 * The document store's journal: one record per write (a batch is one record, so it is kept or lost whole) with the
 * container's name and the documents as stored; a snapshot holds each container's documents and change feed order,
 * so the change-feed leases (documents in the {@code leases} container) go on from where they were.
 */
final class StoreJournal implements DocumentJournal, JournalFile.Codec<InMemoryDocumentStore> {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private JournalFile<InMemoryDocumentStore> file;

    void writeTo(JournalFile<InMemoryDocumentStore> journal) {
        this.file = journal;
    }

    @Override
    public void stored(String container, List<ObjectNode> documents) {
        ObjectNode record = NODES.objectNode().put("c", container);
        record.putArray("d").addAll(documents);
        file.append(record);
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
