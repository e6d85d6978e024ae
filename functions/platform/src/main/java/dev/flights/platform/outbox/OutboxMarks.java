package dev.flights.platform.outbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.flights.contract.codec.EventCodec;
import dev.flights.platform.store.DocumentContainer;
import dev.flights.platform.store.DocumentNotFoundException;
import dev.flights.platform.store.PreconditionFailedException;
import dev.flights.platform.store.TransactionalBatch;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the relay writes back on an outbox document once it is done with it: {@value Outbox#RELAYED} with a
 * per-document {@code ttl}, so Cosmos DB deletes it later (and never before it was sent), or
 * {@value Outbox#PARKED} with the reason, kept until an operator acts. Both writes come back on the change feed,
 * where the relay skips them. A write that finds the document changed or gone lost a race with another relay run
 * that already settled it, which is fine.
 */
final class OutboxMarks {

    private static final Logger log = LoggerFactory.getLogger(OutboxMarks.class);

    private final Clock clock;
    private final long ttlSeconds;

    OutboxMarks(Clock clock, Duration ttl) {
        if (ttl.toSeconds() < 1 || ttl.toSeconds() > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("the outbox ttl is whole seconds from 1 to " + Integer.MAX_VALUE
                    + " (Cosmos DB's range), not " + ttl);
        }
        this.clock = clock;
        this.ttlSeconds = ttl.toSeconds();
    }

    static boolean isSettled(JsonNode document) {
        String status = document.path(Outbox.STATUS).asText("");
        return status.equals(Outbox.RELAYED) || status.equals(Outbox.PARKED);
    }

    void relayed(DocumentContainer container, ObjectNode document) {
        write(container, relayedCopy(document), document);
    }

    private ObjectNode relayedCopy(ObjectNode document) {
        ObjectNode marked = document.deepCopy();
        marked.put(Outbox.STATUS, Outbox.RELAYED);
        marked.put("relayedAt", clock.instant().toString());
        marked.put("ttl", ttlSeconds);
        return marked;
    }

    /**
     * Marks documents of one partition that were just published as relayed, in one batch (one write instead of one
     * each); when one of them was settled meanwhile (the relay got there first), each is marked alone.
     */
    void relayed(DocumentContainer container, String partitionKey, List<ObjectNode> documents) {
        TransactionalBatch batch = TransactionalBatch.in(partitionKey);
        for (ObjectNode document : documents) {
            batch.replace(relayedCopy(document), document.path("_etag").asText(null));
        }
        try {
            container.execute(batch);
        } catch (PreconditionFailedException | DocumentNotFoundException e) {
            documents.forEach(document -> relayed(container, document));
        }
    }

    void parked(DocumentContainer container, ObjectNode document, String reason) {
        ObjectNode marked = document.deepCopy();
        marked.put(Outbox.STATUS, Outbox.PARKED);
        marked.put(Outbox.PARK_REASON, reason);
        marked.put("parkedAt", clock.instant().toString());
        marked.remove("ttl");
        write(container, marked, document);
    }

    /**
     * Removes the sent entries (by message id) from a state document's embedded outbox: one replace of the document
     * as {@code host} is. When the document changed meanwhile (its next version was written, which carried the
     * entries over), it is read again and the entries are removed from what is there, until no sent entry is left;
     * a document gone has nothing left to mark.
     */
    void sentEmbedded(DocumentContainer container, ObjectNode host, Set<String> messageIds) {
        String partitionKey = host.path(container.partitionKeyField()).asText();
        String id = host.path("id").asText();
        ObjectNode current = host;
        for (int attempt = 0; attempt < 5; attempt++) {
            ArrayNode kept = EventCodec.json().createArrayNode();
            boolean changed = false;
            for (JsonNode entry : Outbox.unsent(current)) {
                if (messageIds.contains(entry.path("messageId").asText()) && !isSettled(entry)) {
                    changed = true;
                } else {
                    kept.add(entry);
                }
            }
            if (!changed) {
                return;
            }
            ObjectNode marked = current.deepCopy();
            if (kept.isEmpty()) {
                marked.remove(Outbox.EMBEDDED);
            } else {
                marked.set(Outbox.EMBEDDED, kept);
            }
            try {
                container.execute(TransactionalBatch.in(partitionKey).replace(marked, current.path("_etag").asText(null)));
                return;
            } catch (PreconditionFailedException | DocumentNotFoundException e) {
                Optional<ObjectNode> again = container.read(partitionKey, id);
                if (again.isEmpty()) {
                    return;
                }
                current = again.get();
            }
        }
        log.debug("embedded outbox of {} in {} kept changing; the relay settles what is left", id, container.name());
    }

    /** Parks one entry (by its place in the array of {@code host} as read) of a state document's embedded outbox. */
    void parkedEmbedded(DocumentContainer container, ObjectNode host, int index, String reason) {
        ObjectNode marked = host.deepCopy();
        JsonNode entries = marked.get(Outbox.EMBEDDED);
        if (entries == null || !entries.isArray() || !(entries.get(index) instanceof ObjectNode entry)) {
            return;
        }
        entry.put(Outbox.STATUS, Outbox.PARKED);
        entry.put(Outbox.PARK_REASON, reason);
        entry.put("parkedAt", clock.instant().toString());
        write(container, marked, host);
    }

    private void write(DocumentContainer container, ObjectNode marked, ObjectNode read) {
        String partitionKey = read.path(container.partitionKeyField()).asText();
        String etag = read.path("_etag").asText(null);
        try {
            container.execute(TransactionalBatch.in(partitionKey).replace(marked, etag));
        } catch (PreconditionFailedException | DocumentNotFoundException e) {
            log.debug("outbox document {} in {} was settled meanwhile: {}", read.path("id").asText(),
                    container.name(), e.getMessage());
        }
    }
}
