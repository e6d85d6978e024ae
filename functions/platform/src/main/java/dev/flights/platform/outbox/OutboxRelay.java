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
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
 *
 * <p>A document its writer publishes directly (it carries {@value OutboxWriter#RELAY_AFTER}) is the writer's until
 * that time: the relay reads it again, after short growing pauses, until the writer marked it or the time is up
 * (never longer than the grace, whatever the clocks say), and sends only what is still unmarked then. So in the common
 * case the relay sends nothing twice, and after a failed publish or a crash between commit and publish it sends the
 * document late, under the same message id.
 */
public final class OutboxRelay {

    private static final Logger log = LoggerFactory.getLogger(OutboxRelay.class);
    private static final Duration FIRST_PAUSE = Duration.ofMillis(25);

    private final EventPublisher publisher;
    private final DocumentStore store;
    private final OutboxMarks marks;
    private final Clock clock;
    private final Duration grace;
    private final Sleeper sleeper;

    /**
     * How the relay pauses while it leaves documents to their writer: the thread sleeps, unless a test or the
     * simulation (whose clock is virtual) gives a bean of its own.
     */
    @FunctionalInterface
    public interface Sleeper {

        Sleeper THREAD = duration -> Thread.sleep(duration.toMillis());

        void sleep(Duration duration) throws InterruptedException;
    }

    /** @param ttl how long a relayed outbox document is kept (Cosmos DB deletes it after that) */
    public OutboxRelay(EventPublisher publisher, DocumentStore store, Clock clock, Duration ttl) {
        this(publisher, store, clock, ttl, OutboxSettings.defaults().relayGrace(), Sleeper.THREAD);
    }

    public OutboxRelay(EventPublisher publisher, DocumentStore store, Clock clock, OutboxSettings settings) {
        this(publisher, store, clock, settings, Sleeper.THREAD);
    }

    public OutboxRelay(EventPublisher publisher, DocumentStore store, Clock clock, OutboxSettings settings,
            Sleeper sleeper) {
        this(publisher, store, clock, settings.ttl(), settings.relayGrace(), sleeper);
    }

    OutboxRelay(EventPublisher publisher, DocumentStore store, Clock clock, Duration ttl, Duration grace,
            Sleeper sleeper) {
        this.publisher = publisher;
        this.store = store;
        this.marks = new OutboxMarks(clock, ttl);
        this.clock = clock;
        this.grace = grace;
        this.sleeper = sleeper;
    }

    /**
     * @param containerName the container whose change feed this is (where the outbox documents are marked)
     * @param changes the JSON array of changed documents the Cosmos DB trigger hands over
     * @return how many messages were relayed
     */
    public int relay(String containerName, String changes) {
        DocumentContainer container = store.container(containerName);
        List<ObjectNode> unsettled = new ArrayList<>();
        for (JsonNode node : parse(changes)) {
            if (node instanceof ObjectNode doc && Outbox.DOC_TYPE.equals(doc.path("docType").asText())
                    && !OutboxMarks.isSettled(doc)) {
                unsettled.add(doc);
            }
        }
        List<OutboxEntry> relayable = new ArrayList<>();
        for (ObjectNode doc : leftByTheirWriters(container, unsettled)) {
            OutboxEntry entry = OutboxEntry.of(doc);
            if (entry.message() == null) {
                park(container, entry, entry.problem());
            } else {
                relayable.add(entry);
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

    /**
     * The documents still to relay, in order: the ones without {@value OutboxWriter#RELAY_AFTER} as handed over, the
     * others read again until their writer settled them (then they are dropped) or their time is up.
     */
    private List<ObjectNode> leftByTheirWriters(DocumentContainer container, List<ObjectNode> documents) {
        Map<String, ObjectNode> watched = new LinkedHashMap<>();
        Instant now = clock.instant();
        Instant deadline = now;
        for (ObjectNode doc : documents) {
            Instant relayAfter = relayAfter(doc);
            if (relayAfter != null) {
                watched.put(doc.path("id").asText(), doc);
                deadline = relayAfter.isAfter(deadline) ? relayAfter : deadline;
            }
        }
        if (watched.isEmpty()) {
            return documents;
        }
        deadline = deadline.isAfter(now.plus(grace)) ? now.plus(grace) : deadline;
        Duration pause = FIRST_PAUSE;
        int settledByWriters = 0;
        while (true) {
            for (var it = watched.entrySet().iterator(); it.hasNext(); ) {
                var entry = it.next();
                ObjectNode doc = entry.getValue();
                ObjectNode current = container.read(doc.path(container.partitionKeyField()).asText(), entry.getKey())
                        .orElse(null);
                if (current == null || OutboxMarks.isSettled(current)) {
                    it.remove();
                    settledByWriters++;
                } else {
                    entry.setValue(current);
                }
            }
            now = clock.instant();
            if (watched.isEmpty() || !now.isBefore(deadline)) {
                break;
            }
            Duration left = Duration.between(now, deadline);
            pauseFor(pause.compareTo(left) < 0 ? pause : left);
            pause = pause.multipliedBy(2);
        }
        if (settledByWriters > 0) {
            log.debug("{} outbox document(s) of {} were published by their writers", settledByWriters,
                    container.name());
        }
        List<ObjectNode> left = new ArrayList<>();
        for (ObjectNode doc : documents) {
            String id = doc.path("id").asText();
            if (relayAfter(doc) == null) {
                left.add(doc);
            } else if (watched.containsKey(id)) {
                left.add(watched.get(id));
                log.warn("outbox document {} in {} was not published by its writer within {}: relaying it", id,
                        container.name(), grace);
            }
        }
        return left;
    }

    private void pauseFor(Duration duration) {
        try {
            sleeper.sleep(duration);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while the relay left outbox documents to their writers", e);
        }
    }

    private static Instant relayAfter(ObjectNode doc) {
        JsonNode value = doc.get(OutboxWriter.RELAY_AFTER);
        if (value == null || !value.isTextual()) {
            return null;
        }
        try {
            return Instant.parse(value.asText());
        } catch (DateTimeParseException e) {
            return null;
        }
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
