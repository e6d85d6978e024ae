package dev.flights.platform.outbox;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.flights.contract.codec.EventCodec;
import dev.flights.contract.events.SagaEvent;
import dev.flights.platform.correlation.Correlation;
import dev.flights.platform.messaging.OutgoingMessage;
import dev.flights.platform.store.TransactionalBatch;
import java.time.Instant;
import java.util.List;

/**
 * Turns events into outbox documents of one app ({@code source}) for one container. An outbox document's id is
 * derived from the event id, so writing the same event twice fails the batch instead of sending it twice.
 * It is written without a ttl (it must outlive any outage of the topic); the relay sets
 * {@value #STATUS} to {@value #RELAYED} with a ttl once it was sent, or to {@value #PARKED} with a
 * {@value #PARK_REASON} when it can never be sent. An operator lists the parked ones with
 * {@value #PARKED_QUERY}.
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

    private final String source;
    private final String partitionKeyField;

    public Outbox(String source, String partitionKeyField) {
        this.source = source;
        this.partitionKeyField = partitionKeyField;
    }

    /** Adds a create of an outbox document for each event to the batch, in order. */
    public TransactionalBatch append(TransactionalBatch batch, List<? extends SagaEvent> events) {
        for (SagaEvent event : events) {
            batch.create(document(batch.partitionKey(), event, null));
        }
        return batch;
    }

    public ObjectNode document(String partitionKey, SagaEvent event, Instant scheduledEnqueueTime) {
        OutgoingMessage message = OutgoingMessage.of(event, source, Correlation.current());
        ObjectNode doc = EventCodec.json().createObjectNode();
        doc.put("id", "outbox-" + event.eventId());
        doc.put("docType", DOC_TYPE);
        doc.put(partitionKeyField, partitionKey);
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
