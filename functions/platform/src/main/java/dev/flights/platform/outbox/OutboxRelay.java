package dev.flights.platform.outbox;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.flights.contract.codec.EventCodec;
import dev.flights.platform.correlation.Correlation;
import dev.flights.platform.messaging.EventPublisher;
import dev.flights.platform.messaging.OutgoingMessage;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Moves outbox documents from a container's change feed to the topic, in change-feed order (so in order per
 * reservation). Idempotent: the message id is the event id and the topic drops duplicates, so relaying a change
 * again after a failure sends nothing twice. A publish failure throws, so the change is delivered again.
 */
public final class OutboxRelay {

    private static final Logger log = LoggerFactory.getLogger(OutboxRelay.class);

    private final EventPublisher publisher;

    public OutboxRelay(EventPublisher publisher) {
        this.publisher = publisher;
    }

    /** @param changes the JSON array of changed documents the Cosmos DB trigger hands over */
    public int relay(String changes) {
        List<OutgoingMessage> messages = new ArrayList<>();
        for (JsonNode doc : parse(changes)) {
            if (Outbox.DOC_TYPE.equals(doc.path("docType").asText())) {
                messages.add(toMessage(doc));
            }
        }
        if (!messages.isEmpty()) {
            publisher.publish(messages);
            for (OutgoingMessage message : messages) {
                Correlation.set(message.correlationId());
                log.info("relayed {} {} of reservation {}", message.type(), message.messageId(), message.sessionId());
            }
            Correlation.clear();
        }
        return messages.size();
    }

    private static OutgoingMessage toMessage(JsonNode doc) {
        JsonNode scheduled = doc.get("scheduledEnqueueTime");
        return new OutgoingMessage(doc.path("messageId").asText(), doc.path("sessionId").asText(),
                doc.path("type").asText(), doc.path("correlationId").asText(), doc.path("body").asText(),
                scheduled == null || scheduled.isNull() ? null : Instant.parse(scheduled.asText()));
    }

    private static JsonNode parse(String changes) {
        try {
            JsonNode node = EventCodec.json().readTree(changes);
            if (!node.isArray()) {
                throw new IllegalArgumentException("the change feed hands over a JSON array, got " + node.getNodeType());
            }
            return node;
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("the change feed hands over a JSON array", e);
        }
    }
}
