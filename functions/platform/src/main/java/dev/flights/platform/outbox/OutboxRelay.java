package dev.flights.platform.outbox;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.flights.contract.codec.EventCodec;
import dev.flights.platform.correlation.Correlation;
import dev.flights.platform.messaging.EventPublisher;
import dev.flights.platform.messaging.PublishRejectedException;
import dev.flights.platform.store.DocumentContainer;
import dev.flights.platform.store.DocumentStore;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Moves outbox documents from a container's change feed to the topic, in change-feed order (so in order per
 * reservation), in as many batches as the publisher needs. Idempotent: the message id is the event id and the topic
 * drops duplicates, so relaying a page again after a failure sends nothing twice.
 *
 * <p>Never wedges its lease: a document that can never be relayed (not a well-formed outbox document, or one
 * message the topic refuses for good) is parked with its reason and the others go on. A transient failure (topic
 * unreachable, store unavailable) or a refusal of the topic as a whole (no right to send) throws, so the trigger's
 * retry policy hands the same page over again. Relayed documents get a ttl; settled documents are skipped.
 */
public final class OutboxRelay {

    private static final Logger log = LoggerFactory.getLogger(OutboxRelay.class);

    private final EventPublisher publisher;
    private final DocumentStore store;
    private final OutboxMarks marks;

    /** @param ttl how long a relayed outbox document is kept (Cosmos DB deletes it after that) */
    public OutboxRelay(EventPublisher publisher, DocumentStore store, Clock clock, Duration ttl) {
        this.publisher = publisher;
        this.store = store;
        this.marks = new OutboxMarks(clock, ttl);
    }

    /**
     * @param containerName the container whose change feed this is (where the outbox documents are marked)
     * @param changes the JSON array of changed documents the Cosmos DB trigger hands over
     * @return how many messages were relayed
     */
    public int relay(String containerName, String changes) {
        DocumentContainer container = store.container(containerName);
        List<OutboxEntry> relayable = new ArrayList<>();
        for (JsonNode node : parse(changes)) {
            if (node instanceof ObjectNode doc && Outbox.DOC_TYPE.equals(doc.path("docType").asText())
                    && !OutboxMarks.isSettled(doc)) {
                OutboxEntry entry = OutboxEntry.of(doc);
                if (entry.message() == null) {
                    park(container, entry, entry.problem());
                } else {
                    relayable.add(entry);
                }
            }
        }
        List<OutboxEntry> sent = publish(container, relayable);
        for (OutboxEntry entry : sent) {
            marks.relayed(container, entry.document());
            Correlation.set(entry.message().correlationId());
            log.debug("relayed {} {} of reservation {}", entry.message().type(), entry.message().messageId(),
                    entry.message().sessionId());
        }
        Correlation.clear();
        return sent.size();
    }

    /** Publishes in order; a message the topic refuses for good is parked and the ones after it are sent. */
    private List<OutboxEntry> publish(DocumentContainer container, List<OutboxEntry> entries) {
        List<OutboxEntry> sent = new ArrayList<>();
        List<OutboxEntry> rest = entries;
        while (!rest.isEmpty()) {
            try {
                publisher.publish(rest.stream().map(OutboxEntry::message).toList());
                sent.addAll(rest);
                rest = List.of();
            } catch (PublishRejectedException e) {
                int refused = indexOf(rest, e.messageId());
                if (refused < 0) {
                    throw e;
                }
                sent.addAll(rest.subList(0, refused));
                park(container, rest.get(refused), "the topic refused it (" + e.reason() + "): " + e.getMessage());
                rest = rest.subList(refused + 1, rest.size());
            }
        }
        return sent;
    }

    private void park(DocumentContainer container, OutboxEntry entry, String reason) {
        marks.parked(container, entry.document(), reason);
        Correlation.set(entry.document().path("correlationId").asText(null));
        log.error("parked outbox document {} in {} ({} of reservation {}): it can never be relayed: {}", entry.id(),
                container.name(), entry.document().path("type").asText("?"),
                entry.document().path("sessionId").asText("?"), reason);
        Correlation.clear();
    }

    private static int indexOf(List<OutboxEntry> entries, String messageId) {
        for (int i = 0; messageId != null && i < entries.size(); i++) {
            if (messageId.equals(entries.get(i).message().messageId())) {
                return i;
            }
        }
        return -1;
    }

    private static JsonNode parse(String changes) {
        try {
            JsonNode node = EventCodec.json().readTree(changes);
            if (node == null || !node.isArray()) {
                throw new IllegalArgumentException("the change feed hands over a JSON array, got "
                        + (node == null ? "nothing" : node.getNodeType()));
            }
            return node;
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("the change feed hands over a JSON array", e);
        }
    }
}
