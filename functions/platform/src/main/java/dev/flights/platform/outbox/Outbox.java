package dev.flights.platform.outbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.flights.contract.codec.EventCodec;
import dev.flights.contract.events.SagaEvent;
import dev.flights.platform.correlation.Correlation;
import dev.flights.platform.messaging.OutgoingMessage;
import dev.flights.platform.store.DocumentContainer;
import dev.flights.platform.store.TransactionalBatch;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Turns events into outbox documents of one app ({@code source}) for one container. An outbox document's id is
 * derived from the event id, so writing the same event twice fails the batch instead of sending it twice.
 * It is written without a ttl (it must outlive any outage of the topic); the relay sets
 * {@value #STATUS} to {@value #RELAYED} with a ttl once it was sent, or to {@value #PARKED} with a
 * {@value #PARK_REASON} when it can never be sent. An operator lists the parked ones with
 * {@value #PARKED_QUERY}.
 *
 * <p>Or, embedded ({@link #embed}): the events ride in the state document itself, as entries of its
 * {@value #EMBEDDED} array, so one document write stores the state and its events. Once an entry was sent it is
 * removed from the array (one replace of the state document); an entry that can never be sent stays with
 * {@value #STATUS} {@value #PARKED} and its reason ({@value #PARKED_EMBEDDED_QUERY}). A new version of the state
 * document carries over the entries of the version it replaces that were not sent yet, so a crash between a commit
 * and its publish loses nothing even when the next version follows before the relay looked.
 */
public final class Outbox {

    public static final String DOC_TYPE = "outbox";
    public static final String STATUS = "status";
    public static final String RELAYED = "relayed";
    public static final String PARKED = "parked";
    public static final String PARK_REASON = "parkReason";
    /** Cosmos DB SQL over an outbox container (cross-partition) that lists the parked documents. */
    public static final String PARKED_QUERY = "SELECT c.id, c.type, c.sessionId, c.parkReason, c.parkedAt FROM c"
            + " WHERE c.docType = 'outbox' AND c.status = 'parked'";

    /** An embedded entry its writer does not settle: the next version, caused by the answer, does. */
    public static final String AWAITS_ANSWER = "awaitsAnswer";
    /** The array of a state document that holds its embedded outbox entries. */
    public static final String EMBEDDED = "outbox";
    /** Cosmos DB SQL over a container (cross-partition) that lists the parked entries of embedded outboxes. */
    public static final String PARKED_EMBEDDED_QUERY = "SELECT c.id, o.type, o.sessionId, o.parkReason, o.parkedAt"
            + " FROM c JOIN o IN c.outbox WHERE o.status = 'parked'";

    /** The last state document with an embedded outbox this thread read, to carry its unsent entries over. */
    private static final ThreadLocal<Seen> SEEN = new ThreadLocal<>();

    private record Seen(String container, String partitionKey, String id, String etag, ArrayNode entries) {
    }

    private final String source;
    private final String partitionKeyField;
    private final DocumentContainer container;

    public Outbox(String source, String partitionKeyField) {
        this.source = source;
        this.partitionKeyField = partitionKeyField;
        this.container = null;
    }

    /** An outbox that can also embed events in the state documents of this container. */
    public Outbox(String source, DocumentContainer container) {
        this.source = source;
        this.partitionKeyField = container.partitionKeyField();
        this.container = container;
    }

    /**
     * Notes a state document as read (before a read-modify-write): {@link #embed} carries its unsent entries over
     * into the version that replaces it without reading it again. Returns the document.
     */
    public ObjectNode seen(ObjectNode document) {
        SEEN.set(new Seen(requireContainer().name(), document.path(partitionKeyField).asText(),
                document.path("id").asText(), document.path("_etag").asText(null), unsent(document)));
        return document;
    }

    /**
     * Puts the events into the state document's embedded outbox, after the entries not yet sent of the version it
     * replaces ({@code etag}; null for a new document), and adds its write to the batch.
     */
    public TransactionalBatch embed(TransactionalBatch batch, ObjectNode document, String etag,
            List<? extends SagaEvent> events) {
        return embed(batch, document, etag, events, Set.of(), event -> false);
    }

    /**
     * As {@link #embed(TransactionalBatch, ObjectNode, String, List)}, for a writer whose events other apps answer.
     * An entry of a type in {@code answered} (the event causing this version answered it, so it was published) is
     * not carried over: this write settles it. An event for which {@code awaitsAnswer} holds is marked
     * {@value #AWAITS_ANSWER}: its writer publishes it but leaves it in place for the version the answer causes to
     * settle, instead of a write of its own; if no answer comes within the grace, the relay sends it again (the
     * topic drops the copy) and settles it.
     */
    public TransactionalBatch embed(TransactionalBatch batch, ObjectNode document, String etag,
            List<? extends SagaEvent> events, Set<String> answered, Predicate<SagaEvent> awaitsAnswer) {
        ArrayNode entries = EventCodec.json().createArrayNode();
        if (etag != null) {
            for (JsonNode entry : carried(batch.partitionKey(), document.path("id").asText(), etag)) {
                if (OutboxMarks.isSettled(entry) || !answered.contains(entry.path("type").asText())) {
                    entries.add(entry);
                }
            }
        }
        for (SagaEvent event : events) {
            ObjectNode entry = entry(batch.partitionKey(), event, null);
            if (awaitsAnswer.test(event)) {
                entry.put(AWAITS_ANSWER, true);
            }
            entries.add(entry);
        }
        if (entries.isEmpty()) {
            document.remove(EMBEDDED);
        } else {
            document.set(EMBEDDED, entries);
        }
        return batch.write(document, etag);
    }

    private ArrayNode carried(String partitionKey, String id, String etag) {
        Seen seen = SEEN.get();
        DocumentContainer store = requireContainer();
        if (seen != null && seen.container().equals(store.name()) && seen.partitionKey().equals(partitionKey)
                && seen.id().equals(id) && etag.equals(seen.etag())) {
            return seen.entries();
        }
        // not the version this thread read last: read it (if it changed meanwhile, the write fails on its ETag)
        return store.read(partitionKey, id).filter(doc -> etag.equals(doc.path("_etag").asText(null)))
                .map(Outbox::unsent).orElseGet(() -> EventCodec.json().createArrayNode());
    }

    private DocumentContainer requireContainer() {
        return Objects.requireNonNull(container, "an embedded outbox needs its container");
    }

    /** The entries of a document's embedded outbox that were not sent yet (parked ones included: they stay). */
    static ArrayNode unsent(JsonNode document) {
        ArrayNode kept = EventCodec.json().createArrayNode();
        JsonNode entries = document.get(EMBEDDED);
        if (entries != null && entries.isArray()) {
            entries.forEach(kept::add);
        }
        return kept;
    }

    /** The entries of a document's embedded outbox waiting to be sent (neither sent nor parked). */
    public static List<ObjectNode> pendingEntries(JsonNode document) {
        List<ObjectNode> pending = new ArrayList<>();
        for (JsonNode entry : unsent(document)) {
            if (entry instanceof ObjectNode object && !OutboxMarks.isSettled(object)) {
                pending.add(object);
            }
        }
        return pending;
    }

    /**
     * Every outbox message the documents hold, in order: an outbox document itself, or each entry of a state
     * document's embedded outbox (waiting or parked; a sent one is gone).
     */
    public static List<ObjectNode> messagesIn(List<ObjectNode> documents) {
        List<ObjectNode> messages = new ArrayList<>();
        for (ObjectNode doc : documents) {
            if (DOC_TYPE.equals(doc.path("docType").asText())) {
                messages.add(doc);
            } else {
                unsent(doc).forEach(entry -> messages.add((ObjectNode) entry));
            }
        }
        return messages;
    }

    /** True for a state document whose embedded outbox holds entries (waiting or parked). */
    public static boolean hasEmbeddedEntries(JsonNode document) {
        JsonNode entries = document.get(EMBEDDED);
        return entries != null && entries.isArray() && !entries.isEmpty();
    }

    /** Adds a create of an outbox document for each event to the batch, in order. */
    public TransactionalBatch append(TransactionalBatch batch, List<? extends SagaEvent> events) {
        for (SagaEvent event : events) {
            batch.create(document(batch.partitionKey(), event, null));
        }
        return batch;
    }

    public ObjectNode document(String partitionKey, SagaEvent event, Instant scheduledEnqueueTime) {
        ObjectNode doc = EventCodec.json().createObjectNode();
        doc.put("id", "outbox-" + event.eventId());
        doc.put("docType", DOC_TYPE);
        doc.put(partitionKeyField, partitionKey);
        return fill(doc, event, scheduledEnqueueTime);
    }

    /** An entry of an embedded outbox: the message fields of an outbox document, without id and partition key. */
    ObjectNode entry(String partitionKey, SagaEvent event, Instant scheduledEnqueueTime) {
        ObjectNode entry = fill(EventCodec.json().createObjectNode(), event, scheduledEnqueueTime);
        entry.remove("createdAt"); // the body says when; the state document is kept small
        return entry;
    }

    private ObjectNode fill(ObjectNode doc, SagaEvent event, Instant scheduledEnqueueTime) {
        OutgoingMessage message = OutgoingMessage.of(event, source, Correlation.current());
        doc.put("messageId", message.messageId());
        doc.put("sessionId", message.sessionId());
        doc.put("type", message.type());
        doc.put("correlationId", message.correlationId());
        if (scheduledEnqueueTime != null) {
            doc.put("scheduledEnqueueTime", scheduledEnqueueTime.toString());
        }
        doc.put("body", message.body());
        doc.put("createdAt", event.occurredAt().toString());
        return doc;
    }
}
