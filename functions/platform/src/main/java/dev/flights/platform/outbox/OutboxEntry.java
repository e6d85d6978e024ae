package dev.flights.platform.outbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.flights.contract.codec.EventCodec;
import dev.flights.contract.codec.MalformedEventException;
import dev.flights.contract.codec.ReceivedEvent;
import dev.flights.platform.messaging.OutgoingMessage;
import java.time.Instant;
import java.time.format.DateTimeParseException;

/**
 * An outbox document read back from the change feed: the message it holds, or why it can never be relayed (then
 * {@code message} is null). Checked here, before anything is published, so one bad document is parked alone.
 */
record OutboxEntry(ObjectNode document, OutgoingMessage message, String problem) {

    static OutboxEntry of(ObjectNode doc) {
        String messageId = text(doc, "messageId");
        String sessionId = text(doc, "sessionId");
        String type = text(doc, "type");
        String body = text(doc, "body");
        if (messageId == null || sessionId == null || type == null || body == null) {
            return unrelayable(doc, "an outbox document needs messageId, sessionId, type and body as text");
        }
        try {
            ReceivedEvent received = EventCodec.decode(body);
            if (!received.event().type().name().equals(type)) {
                return unrelayable(doc, "the document says " + type + " but its body is a " + received.event().type());
            }
        } catch (MalformedEventException e) {
            return unrelayable(doc, "its body is not a saga event: " + e.getMessage());
        }
        Instant scheduled;
        try {
            String at = text(doc, "scheduledEnqueueTime");
            scheduled = at == null ? null : Instant.parse(at);
        } catch (DateTimeParseException e) {
            return unrelayable(doc, "scheduledEnqueueTime is not an instant: " + e.getMessage());
        }
        return new OutboxEntry(doc,
                new OutgoingMessage(messageId, sessionId, type, text(doc, "correlationId"), body, scheduled), null);
    }

    /** The outbox document's id, or an embedded entry's message id. */
    String id() {
        return document.has("id") ? document.path("id").asText() : document.path("messageId").asText("?");
    }

    private static OutboxEntry unrelayable(ObjectNode doc, String problem) {
        return new OutboxEntry(doc, null, problem);
    }

    private static String text(JsonNode doc, String field) {
        JsonNode value = doc.get(field);
        return value != null && value.isTextual() && !value.asText().isBlank() ? value.asText() : null;
    }
}
