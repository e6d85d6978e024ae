package dev.flights.platform.inprocess;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.flights.contract.topology.Subscriptions;
import dev.flights.platform.messaging.OutgoingMessage;
import dev.flights.platform.messaging.ReceivedMessage;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/**
 * The topic's journal: each {@link TopicJournal} call as one record (an accepted batch is one record, so it is kept
 * or lost whole), replayed into a {@link TopicState}; a snapshot holds that state: the message ids duplicate
 * detection still remembers, the scheduled messages and each subscription's messages by session with their delivery
 * counts, and its dead letters.
 */
final class TopicJournalFile implements TopicJournal, JournalFile.Codec<TopicState> {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private final Subscriptions topology;
    private final Duration duplicateDetectionWindow;
    private JournalFile<TopicState> file;

    TopicJournalFile(Subscriptions topology, Duration duplicateDetectionWindow) {
        this.topology = topology;
        this.duplicateDetectionWindow = duplicateDetectionWindow;
    }

    void writeTo(JournalFile<TopicState> journal) {
        this.file = journal;
    }

    @Override
    public void accepted(List<OutgoingMessage> messages, Instant at) {
        ObjectNode record = record("accepted").put("at", at.toString());
        ArrayNode list = record.putArray("m");
        messages.forEach(m -> list.add(outgoing(m)));
        file.append(record);
    }

    @Override
    public void due(String messageId) {
        file.append(record("due").put("id", messageId));
    }

    @Override
    public void redelivered(String subscription, OutgoingMessage message) {
        ObjectNode record = record("redelivered").put("s", subscription);
        record.set("m", outgoing(message));
        file.append(record);
    }

    @Override
    public void deliveryStarted(String subscription, String sessionId) {
        file.append(record("delivery").put("s", subscription).put("session", sessionId));
    }

    @Override
    public void completed(String subscription, String sessionId) {
        file.append(record("completed").put("s", subscription).put("session", sessionId));
    }

    @Override
    public void deadLettered(String subscription, String sessionId, long sequenceNumber, DeadLetter letter) {
        ObjectNode record = record("deadLettered").put("s", subscription).put("session", sessionId)
                .put("n", sequenceNumber);
        record.set("letter", letter(letter));
        file.append(record);
    }

    @Override
    public void deadLetterRemoved(String subscription, long sequenceNumber) {
        file.append(record("removed").put("s", subscription).put("n", sequenceNumber));
    }

    @Override
    public TopicState empty() {
        return new TopicState(topology);
    }

    @Override
    public void apply(TopicState state, JsonNode record) {
        String subscription = record.path("s").asText();
        switch (record.path("t").asText()) {
            case "accepted" -> {
                List<OutgoingMessage> messages = new ArrayList<>();
                record.path("m").forEach(m -> messages.add(outgoing(m)));
                state.accepted(messages, Instant.parse(record.path("at").asText()));
            }
            case "due" -> state.due(record.path("id").asText());
            case "redelivered" -> state.redelivered(subscription, outgoing(record.path("m")));
            case "delivery" -> state.deliveryStarted(subscription, record.path("session").asText());
            case "completed" -> state.completed(subscription, record.path("session").asText());
            case "deadLettered" -> state.deadLettered(subscription, record.path("session").asText(),
                    record.path("n").asLong(), letter(subscription, record.path("letter")));
            case "removed" -> state.deadLetterRemoved(subscription, record.path("n").asLong());
            default -> throw new IllegalStateException("not a topic journal record: " + record);
        }
    }

    @Override
    public List<JsonNode> snapshot(TopicState state) {
        List<JsonNode> records = new ArrayList<>();
        Instant forgotten = Instant.now().minus(duplicateDetectionWindow);
        ObjectNode seen = NODES.objectNode();
        state.seen.forEach((id, at) -> {
            if (!at.isBefore(forgotten)) {
                seen.put(id, at.toString());
            }
        });
        ObjectNode ids = NODES.objectNode();
        ids.set("seen", seen);
        records.add(ids);
        ObjectNode scheduled = NODES.objectNode();
        ArrayNode list = scheduled.putArray("scheduled");
        state.scheduled.values().forEach(m -> list.add(outgoing(m)));
        records.add(scheduled);
        state.subscriptions.forEach((name, kept) -> {
            ObjectNode record = NODES.objectNode().put("s", name).put("last", kept.lastDeadLetterNumber);
            ArrayNode sessions = record.putArray("sessions");
            kept.sessions.values().stream().filter(q -> !q.isEmpty()).forEach(queue -> {
                ArrayNode messages = sessions.addArray();
                queue.forEach(m -> messages.add(received(m)));
            });
            ArrayNode letters = record.putArray("deadLetters");
            kept.deadLetters.forEach((n, letter) -> letters.addObject().put("n", n).set("letter", letter(letter)));
            records.add(record);
        });
        return records;
    }

    @Override
    public void restore(TopicState state, JsonNode record) {
        if (record.has("seen")) {
            record.path("seen").fields().forEachRemaining(e -> state.seen.put(e.getKey(),
                    Instant.parse(e.getValue().asText())));
        } else if (record.has("scheduled")) {
            record.path("scheduled").forEach(m -> {
                OutgoingMessage message = outgoing(m);
                state.scheduled.put(message.messageId(), message);
            });
        } else {
            String name = record.path("s").asText();
            TopicState.Subscription kept = state.subscription(name);
            if (kept == null) {
                return; // a subscription the topology no longer has
            }
            kept.lastDeadLetterNumber = record.path("last").asLong();
            record.path("sessions").forEach(messages -> {
                ArrayDeque<ReceivedMessage> queue = new ArrayDeque<>();
                messages.forEach(m -> queue.addLast(received(m)));
                kept.sessions.put(queue.peekFirst().sessionId(), queue);
            });
            record.path("deadLetters").forEach(l -> kept.deadLetters.put(l.path("n").asLong(),
                    letter(name, l.path("letter"))));
        }
    }

    private static ObjectNode record(String type) {
        return NODES.objectNode().put("t", type);
    }

    private static ObjectNode outgoing(OutgoingMessage m) {
        return NODES.objectNode().put("id", m.messageId()).put("session", m.sessionId()).put("type", m.type())
                .put("correlationId", m.correlationId()).put("body", m.body())
                .put("due", m.scheduledEnqueueTime() == null ? null : m.scheduledEnqueueTime().toString())
                .put("to", m.to());
    }

    private static OutgoingMessage outgoing(JsonNode m) {
        return new OutgoingMessage(m.path("id").asText(), m.path("session").asText(), m.path("type").asText(),
                text(m.path("correlationId")), text(m.path("body")),
                m.path("due").isTextual() ? Instant.parse(m.path("due").asText()) : null, text(m.path("to")));
    }

    private static ObjectNode received(ReceivedMessage m) {
        return NODES.objectNode().put("id", m.messageId()).put("session", m.sessionId()).put("type", m.type())
                .put("correlationId", m.correlationId()).put("body", m.body()).put("deliveryCount", m.deliveryCount());
    }

    private static ReceivedMessage received(JsonNode m) {
        return new ReceivedMessage(m.path("id").asText(), m.path("session").asText(), m.path("type").asText(),
                text(m.path("correlationId")), text(m.path("body")), m.path("deliveryCount").asInt());
    }

    private static ObjectNode letter(DeadLetter letter) {
        ObjectNode node = NODES.objectNode().put("reason", letter.reason()).put("description", letter.description())
                .put("at", letter.deadLetteredAt().toString());
        node.set("message", received(letter.message()));
        return node;
    }

    private static DeadLetter letter(String subscription, JsonNode node) {
        return new DeadLetter(subscription, received(node.path("message")), node.path("reason").asText(),
                text(node.path("description")), Instant.parse(node.path("at").asText()));
    }

    private static String text(JsonNode node) {
        return node.isTextual() ? node.asText() : null;
    }
}
