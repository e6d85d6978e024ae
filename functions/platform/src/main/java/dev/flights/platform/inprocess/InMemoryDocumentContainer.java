package dev.flights.platform.inprocess;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.flights.platform.store.ChangeFeedPage;
import dev.flights.platform.store.DocumentConflictException;
import dev.flights.platform.store.DocumentContainer;
import dev.flights.platform.store.DocumentNotFoundException;
import dev.flights.platform.store.DocumentQuery;
import dev.flights.platform.store.PreconditionFailedException;
import dev.flights.platform.store.TransactionalBatch;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * A container in memory with Cosmos DB's semantics: a new ETag on every write, If-Match on replace, batches that
 * apply all or nothing, and a change feed in write order that shows the latest version of each changed document.
 * Writes are serialised by one lock, which is all the isolation a logical partition gives in Cosmos DB.
 */
public final class InMemoryDocumentContainer implements DocumentContainer {

    private record Key(String partitionKey, String id) {
    }

    private record Change(long sequence, Key key) {
    }

    private final String name;
    private final String partitionKeyField;
    private final Map<Key, ObjectNode> documents = new HashMap<>();
    private final List<Change> log = new ArrayList<>();

    public InMemoryDocumentContainer(String name, String partitionKeyField) {
        this.name = name;
        this.partitionKeyField = partitionKeyField;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public String partitionKeyField() {
        return partitionKeyField;
    }

    @Override
    public synchronized Optional<ObjectNode> read(String partitionKey, String id) {
        return Optional.ofNullable(documents.get(new Key(partitionKey, id))).map(ObjectNode::deepCopy);
    }

    @Override
    public synchronized List<ObjectNode> query(String partitionKey, DocumentQuery query) {
        Comparator<ObjectNode> order = query.orderByDescending() == null
                ? Comparator.comparing(d -> d.path("id").asText())
                : Comparator.<ObjectNode, String>comparing(d -> d.path(query.orderByDescending()).asText()).reversed();
        return documents.entrySet().stream()
                .filter(e -> e.getKey().partitionKey().equals(partitionKey))
                .map(Map.Entry::getValue)
                .filter(d -> query.equalTo().entrySet().stream()
                        .allMatch(c -> c.getValue().equals(d.path(c.getKey()).asText(null))))
                .sorted(order)
                .limit(query.limit())
                .map(ObjectNode::deepCopy)
                .toList();
    }

    @Override
    public synchronized ObjectNode upsert(ObjectNode document) {
        return store(keyOf(document), document);
    }

    @Override
    public synchronized List<ObjectNode> execute(TransactionalBatch batch) {
        for (TransactionalBatch.Operation op : batch.operations()) {
            check(batch.partitionKey(), op);
        }
        List<ObjectNode> stored = new ArrayList<>();
        for (TransactionalBatch.Operation op : batch.operations()) {
            stored.add(store(keyOf(op.document()), op.document()));
        }
        return stored;
    }

    @Override
    public synchronized ChangeFeedPage readChanges(String continuation, int maxItems) {
        int from = continuation == null ? 0 : Integer.parseInt(continuation);
        Map<Key, Long> latest = new LinkedHashMap<>();
        int next = from;
        while (next < log.size() && latest.size() < maxItems) {
            Change change = log.get(next++);
            latest.remove(change.key());
            latest.put(change.key(), change.sequence());
        }
        // each changed document once, at the place of its last change, in its current version (latest-version mode)
        List<ObjectNode> page = latest.keySet().stream().map(k -> documents.get(k).deepCopy()).toList();
        return new ChangeFeedPage(page, Integer.toString(next));
    }

    private void check(String batchPartitionKey, TransactionalBatch.Operation op) {
        Key key = keyOf(op.document());
        if (!key.partitionKey().equals(batchPartitionKey)) {
            throw new IllegalArgumentException("a batch stays in partition " + batchPartitionKey
                    + " but document " + key.id() + " is in " + key.partitionKey());
        }
        ObjectNode existing = documents.get(key);
        switch (op.kind()) {
            case CREATE -> {
                if (existing != null) {
                    throw new DocumentConflictException(name + ": " + key.id() + " already exists");
                }
            }
            case REPLACE -> {
                if (existing == null) {
                    throw new DocumentNotFoundException(name + ": " + key.id() + " does not exist");
                }
                if (op.ifMatch() != null && !op.ifMatch().equals(existing.path("_etag").asText())) {
                    throw new PreconditionFailedException(name + ": " + key.id() + " changed since it was read");
                }
            }
            case UPSERT -> { }
        }
    }

    private ObjectNode store(Key key, ObjectNode document) {
        ObjectNode copy = document.deepCopy();
        copy.put("_etag", "\"" + UUID.randomUUID() + "\"");
        copy.put("_ts", Instant.now().getEpochSecond());
        documents.put(key, copy);
        log.add(new Change(log.size(), key));
        return copy.deepCopy();
    }

    private Key keyOf(ObjectNode document) {
        JsonNode id = document.get("id");
        JsonNode partitionKey = document.get(partitionKeyField);
        if (id == null || !id.isTextual() || id.asText().isEmpty()) {
            throw new IllegalArgumentException(name + ": a document needs a string id");
        }
        if (partitionKey == null || !partitionKey.isTextual()) {
            throw new IllegalArgumentException(name + ": a document needs its partition key " + partitionKeyField);
        }
        return new Key(partitionKey.asText(), id.asText());
    }
}
