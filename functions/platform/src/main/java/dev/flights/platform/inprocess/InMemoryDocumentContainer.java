package dev.flights.platform.inprocess;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.util.RawValue;
import dev.flights.contract.codec.EventCodec;
import dev.flights.platform.store.ChangeFeedPage;
import dev.flights.platform.store.DocumentConflictException;
import dev.flights.platform.store.DocumentContainer;
import dev.flights.platform.store.DocumentNotFoundException;
import dev.flights.platform.store.DocumentQuery;
import dev.flights.platform.store.PreconditionFailedException;
import dev.flights.platform.store.TransactionalBatch;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.PriorityQueue;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A container in memory with Cosmos DB's semantics: a new ETag on every write, If-Match on replace, batches that
 * apply all or nothing, and a change feed in write order that shows the latest version of each changed document.
 * Writes are serialised by one lock, which is all the isolation a logical partition gives in Cosmos DB. What needs
 * no lock is done outside it: a write is stamped and turned into text before it takes the lock, a read takes the
 * stored text under the lock and parses it after (stored text is never changed, only replaced). A point read takes
 * no lock unless a write is being applied as it reads: the documents are a concurrent map, and a count of writes
 * that is odd while one is applied tells a read that it may have seen half a batch, when it reads again under the
 * lock; so a read never sees part of a batch, as in Cosmos DB.
 *
 * <p>Time to live as in a container created with {@code DefaultTimeToLive = -1}: a document without a {@code ttl}
 * (or with -1) never expires; one with {@code ttl} = n seconds is gone n seconds after its last write
 * ({@code _ts}): from reads, queries and the change feed, and its id is free again.
 */
public final class InMemoryDocumentContainer implements DocumentContainer {

    private record Key(String partitionKey, String id) {
    }

    private record Change(long sequence, Key key) {
    }

    private record Expiry(long at, Key key) {
    }

    /**
     * A stored document as the JSON text Cosmos DB keeps (with its {@code _etag} and {@code _ts}), its ETag and when
     * it expires: one array a document rather than a tree of nodes, so that a store of many documents costs the
     * garbage collector little, and a read gives a fresh tree, as a read from Cosmos DB does.
     */
    private record Stored(byte[] json, String etag, long expiresAt) {

        ObjectNode document() {
            try {
                return StoredDocument.parse(json);
            } catch (IOException e) {
                throw new UncheckedIOException("a stored document is JSON", e);
            }
        }
    }

    private final String name;
    private final String partitionKeyField;
    private final Clock clock;
    private final DocumentJournal journal;
    private final Map<Key, Stored> documents = new ConcurrentHashMap<>();
    /** Odd while a write is applied to {@link #documents} (changed under the lock only). */
    private volatile long writes;
    private final List<Change> log = new ArrayList<>();
    private final PriorityQueue<Expiry> expiries = new PriorityQueue<>(Comparator.comparingLong(Expiry::at));

    public InMemoryDocumentContainer(String name, String partitionKeyField) {
        this(name, partitionKeyField, Clock.systemUTC());
    }

    /** @param clock the time documents are stamped with ({@code _ts}) and expire by */
    public InMemoryDocumentContainer(String name, String partitionKeyField, Clock clock) {
        this(name, partitionKeyField, clock, DocumentJournal.NONE);
    }

    /** @param journal records every write before it is applied ({@link DocumentJournal#NONE}: none) */
    public InMemoryDocumentContainer(String name, String partitionKeyField, Clock clock, DocumentJournal journal) {
        this.name = name;
        this.partitionKeyField = partitionKeyField;
        this.clock = clock;
        this.journal = journal;
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
    public Optional<ObjectNode> read(String partitionKey, String id) {
        Key key = new Key(partitionKey, id);
        long before = writes;
        Stored stored = (before & 1) == 0 ? documents.get(key) : null;
        if ((before & 1) == 1 || writes != before) {
            synchronized (this) {
                removeExpired();
                stored = documents.get(key);
            }
        } else if (stored != null && stored.expiresAt() <= clock.instant().getEpochSecond()) {
            // expired: gone for every reader, whether or not a write removed it yet (removeExpired's rule)
            stored = null;
        }
        return Optional.ofNullable(stored).map(Stored::document);
    }

    @Override
    public List<ObjectNode> query(String partitionKey, DocumentQuery query) {
        List<Stored> inPartition = new ArrayList<>();
        synchronized (this) {
            removeExpired();
            documents.forEach((key, stored) -> {
                if (key.partitionKey().equals(partitionKey)) {
                    inPartition.add(stored);
                }
            });
        }
        Comparator<ObjectNode> byId = Comparator.comparing(d -> d.path("id").asText());
        Comparator<ObjectNode> order = query.orderByDescending() == null
                ? byId
                : Comparator.<ObjectNode, JsonNode>comparing(d -> d.path(query.orderByDescending()),
                        InMemoryDocumentContainer::compareValues).reversed().thenComparing(byId);
        return inPartition.stream()
                .map(Stored::document)
                .filter(d -> query.equalTo().entrySet().stream().allMatch(c -> matches(d.path(c.getKey()), c.getValue())))
                .sorted(order)
                .limit(query.limit())
                .toList();
    }

    /** {@code c.field = @value} with a string parameter, as Cosmos DB SQL compares it: only a string is equal. */
    private static boolean matches(JsonNode field, String value) {
        return field.isTextual() && field.asText().equals(value);
    }

    /**
     * The order of Cosmos DB's ORDER BY over mixed values: undefined, null, booleans, numbers (by value), strings,
     * then arrays and objects.
     */
    private static int compareValues(JsonNode a, JsonNode b) {
        int byRank = Integer.compare(rank(a), rank(b));
        if (byRank != 0) {
            return byRank;
        }
        if (a.isBoolean()) {
            return Boolean.compare(a.booleanValue(), b.booleanValue());
        }
        if (a.isNumber()) {
            return a.decimalValue().compareTo(b.decimalValue());
        }
        if (a.isTextual()) {
            return a.textValue().compareTo(b.textValue());
        }
        return 0;
    }

    private static int rank(JsonNode value) {
        if (value.isMissingNode()) {
            return 0;
        }
        if (value.isNull()) {
            return 1;
        }
        if (value.isBoolean()) {
            return 2;
        }
        if (value.isNumber()) {
            return 3;
        }
        if (value.isTextual()) {
            return 4;
        }
        return value.isArray() ? 5 : 6;
    }

    @Override
    public ObjectNode upsert(ObjectNode document) {
        Prepared prepared = prepare(keyOf(document), document);
        synchronized (this) {
            removeExpired();
            journal.stored(name, List.of(prepared.copy()));
            writes++;
            try {
                return write(prepared);
            } finally {
                writes++;
            }
        }
    }

    @Override
    public List<ObjectNode> execute(TransactionalBatch batch) {
        // every operation is stamped and turned into text first (a malformed one fails the batch before anything is
        // looked at, as Cosmos DB refuses a bad request before it runs it); then, under the lock, every operation is
        // checked in order against the state the operations before it leave, and all of them are written
        List<TransactionalBatch.Operation> operations = batch.operations();
        List<Prepared> prepared = new ArrayList<>(operations.size());
        for (TransactionalBatch.Operation op : operations) {
            prepared.add(prepare(keyOf(op.document()), op.document()));
        }
        synchronized (this) {
            removeExpired();
            Map<Key, ObjectNode> staged = new HashMap<>();
            for (int i = 0; i < operations.size(); i++) {
                Key key = prepared.get(i).key();
                check(batch.partitionKey(), operations.get(i), key, staged);
                staged.put(key, operations.get(i).document());
            }
            List<ObjectNode> stored = new ArrayList<>(prepared.size());
            journal.stored(name, prepared.stream().map(Prepared::copy).toList());
            writes++;
            try {
                for (Prepared ready : prepared) {
                    stored.add(write(ready));
                }
            } finally {
                writes++;
            }
            return stored;
        }
    }

    @Override
    public ChangeFeedPage readChanges(String continuation, int maxItems) {
        if (maxItems < 1) {
            throw new IllegalArgumentException(name + ": a change feed page holds at least one item, not " + maxItems);
        }
        List<Stored> changed = new ArrayList<>();
        int next;
        synchronized (this) {
            removeExpired();
            int from = continuation == null ? 0 : position(continuation);
            Map<Key, Long> latest = new LinkedHashMap<>();
            next = from;
            while (next < log.size() && latest.size() < maxItems) {
                Change change = log.get(next++);
                latest.remove(change.key());
                latest.put(change.key(), change.sequence());
            }
            // each changed document once, at the place of its last change, in its current version (latest-version
            // mode)
            for (Key key : latest.keySet()) {
                Stored stored = documents.get(key);
                if (stored != null) {
                    changed.add(stored);
                }
            }
        }
        return new ChangeFeedPage(changed.stream().map(Stored::document).toList(), Integer.toString(next));
    }

    private int position(String continuation) {
        int position;
        try {
            position = Integer.parseInt(continuation);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + ": not a continuation of this change feed: " + continuation, e);
        }
        if (position < 0 || position > log.size()) {
            throw new IllegalArgumentException(name + ": not a continuation of this change feed: " + continuation);
        }
        return position;
    }

    /** Checks one operation against the stored documents as the earlier operations of its batch left them. */
    private void check(String batchPartitionKey, TransactionalBatch.Operation op, Key key,
            Map<Key, ObjectNode> staged) {
        if (!key.partitionKey().equals(batchPartitionKey)) {
            throw new IllegalArgumentException("a batch stays in partition " + batchPartitionKey
                    + " but document " + key.id() + " is in " + key.partitionKey());
        }
        boolean stagedEarlier = staged.containsKey(key);
        Stored stored = documents.get(key);
        Object existing = stagedEarlier ? staged.get(key) : stored;
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
                // a document written earlier in the batch has no ETag the caller could know yet
                if (op.ifMatch() != null && (stagedEarlier || !op.ifMatch().equals(stored.etag()))) {
                    throw new PreconditionFailedException(name + ": " + key.id() + " changed since it was read");
                }
            }
            case UPSERT -> { }
        }
    }

    /** Cosmos DB deletes an expired document in the background but never shows it once its ttl has passed. */
    private void removeExpired() {
        long now = clock.instant().getEpochSecond();
        while (!expiries.isEmpty() && expiries.peek().at() <= now) {
            Key key = expiries.poll().key();
            Stored doc = documents.get(key);
            // a later write may have given the document a new ttl, or none
            if (doc != null && doc.expiresAt() <= now) {
                documents.remove(key);
            }
        }
    }

    private static long expiresAt(ObjectNode doc) {
        JsonNode ttl = doc.get("ttl");
        return ttl != null && ttl.canConvertToLong() && ttl.asLong() > 0
                ? doc.path("_ts").asLong() + ttl.asLong()
                : Long.MAX_VALUE;
    }

    /** A write made ready (stamped and turned into text) before anything changes, so that a batch cannot half-fail. */
    private record Prepared(Key key, ObjectNode copy, Stored stored) {
    }

    private Prepared prepare(Key key, ObjectNode document) {
        StoredDocument copy = StoredDocument.copyOf(document);
        String etag = "\"" + RandomIds.uuid() + "\"";
        copy.put("_etag", etag);
        copy.put("_ts", clock.instant().getEpochSecond());
        return new Prepared(key, copy, stored(copy));
    }

    /** A stamped document as the container keeps it. */
    private Stored stored(ObjectNode stamped) {
        try {
            byte[] json = stamped instanceof StoredDocument document ? document.text()
                    : EventCodec.json().writeValueAsBytes(stamped);
            return new Stored(json, stamped.path("_etag").asText(), expiresAt(stamped));
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(name + ": a document must be JSON: " + e.getOriginalMessage(), e);
        }
    }

    private ObjectNode write(Prepared prepared) {
        documents.put(prepared.key(), prepared.stored());
        log.add(new Change(log.size(), prepared.key()));
        if (prepared.stored().expiresAt() != Long.MAX_VALUE) {
            expiries.add(new Expiry(prepared.stored().expiresAt(), prepared.key()));
        }
        // the caller's copy: what is stored is the text, not this tree
        return prepared.copy();
    }

    /** Applies a write a {@link DocumentJournal} recorded, as stored (its ETag and timestamp kept), not recorded again. */
    synchronized void replay(List<ObjectNode> stored) {
        writes++;
        try {
            for (ObjectNode document : stored) {
                write(new Prepared(keyOf(document), document, stored(document)));
            }
        } finally {
            writes++;
        }
    }

    /**
     * The documents and the change feed's order, as {@link #restore} takes them back: what a snapshot keeps. The
     * documents are raw JSON values, to be written out (not walked).
     */
    synchronized ObjectNode exportState() {
        removeExpired();
        ObjectNode state = JsonNodeFactory.instance.objectNode();
        var changes = state.putArray("changes");
        log.forEach(change -> changes.addArray().add(change.key().partitionKey()).add(change.key().id()));
        var stored = state.putArray("documents");
        // in one order whatever the map's: by partition key, then id
        documents.entrySet().stream()
                .sorted(Map.Entry.comparingByKey(Comparator.comparing(Key::partitionKey).thenComparing(Key::id)))
                // each as the text the container keeps, not parsed into a tree to be written out again
                .forEach(d -> stored.addRawValue(new RawValue(new String(d.getValue().json(), StandardCharsets.UTF_8))));
        return state;
    }

    /** How many documents the container holds. */
    synchronized int size() {
        removeExpired();
        return documents.size();
    }

    /** Takes back an {@link #exportState}, into an empty container. */
    synchronized void restore(ObjectNode state) {
        if (!log.isEmpty()) {
            throw new IllegalStateException(name + ": only an empty container is restored");
        }
        state.path("changes").forEach(c -> log.add(new Change(log.size(),
                new Key(c.path(0).asText(), c.path(1).asText()))));
        state.path("documents").forEach(d -> {
            ObjectNode document = (ObjectNode) d;
            Key key = keyOf(document);
            Stored stored = stored(document);
            documents.put(key, stored);
            if (stored.expiresAt() != Long.MAX_VALUE) {
                expiries.add(new Expiry(stored.expiresAt(), key));
            }
        });
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
