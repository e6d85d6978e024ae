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
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
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
 * <p>The entries of an embedded outbox ({@link Outbox#embed}) are relayed the same way, in array order, and removed
 * from their state document once sent; a bad one is parked in place.
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
            if (node instanceof ObjectNode doc && (isOutboxDocument(doc) ? !OutboxMarks.isSettled(doc)
                    : !Outbox.pendingEntries(doc).isEmpty())) {
                unsettled.add(doc);
            }
        }
        List<Item> relayable = new ArrayList<>();
        for (Left left : leftByTheirWriters(container, unsettled)) {
            ObjectNode doc = left.document();
            if (isOutboxDocument(doc)) {
                OutboxEntry entry = OutboxEntry.of(doc);
                if (entry.message() == null) {
                    park(container, new Item(doc, entry, -1), entry.problem());
                } else {
                    relayable.add(new Item(doc, entry, -1));
                }
                continue;
            }
            JsonNode entries = Outbox.unsent(doc);
            for (int i = 0; i < entries.size(); i++) {
                if (entries.get(i) instanceof ObjectNode node && !OutboxMarks.isSettled(node)
                        && left.entries().contains(node.path("messageId").asText())) {
                    OutboxEntry entry = OutboxEntry.of(node);
                    if (entry.message() == null) {
                        park(container, new Item(doc, entry, i), entry.problem());
                    } else {
                        relayable.add(new Item(doc, entry, i));
                    }
                }
            }
        }
        List<Item> sent = publish(container, relayable);
        Map<List<String>, ObjectNode> hosts = new LinkedHashMap<>();
        Set<String> sentIds = new HashSet<>();
        for (Item item : sent) {
            if (item.index() < 0) {
                marks.relayed(container, item.document());
            } else {
                hosts.put(key(container, item.document()), item.document());
                sentIds.add(item.entry().message().messageId());
            }
            Correlation.set(item.entry().message().correlationId());
            log.debug("relayed {} {} of reservation {}", item.entry().message().type(),
                    item.entry().message().messageId(), item.entry().message().sessionId());
        }
        Correlation.clear();
        hosts.values().forEach(host -> marks.sentEmbedded(container, host, sentIds));
        return sent.size();
    }

    /** What to relay: an outbox document ({@code index} -1) or the entry at {@code index} of a state document. */
    private record Item(ObjectNode document, OutboxEntry entry, int index) {
    }

    /**
     * A document left to relay as read last; for a state document, the message ids of the entries handed over
     * (a newer version's own entries are its writer's, and the change feed hands that version over again).
     */
    private record Left(ObjectNode document, Set<String> entries) {
    }

    private static boolean isOutboxDocument(ObjectNode doc) {
        return Outbox.DOC_TYPE.equals(doc.path("docType").asText());
    }

    private static Set<String> pendingIds(JsonNode doc) {
        Set<String> ids = new HashSet<>();
        Outbox.pendingEntries(doc).forEach(entry -> ids.add(entry.path("messageId").asText()));
        return ids;
    }

    /**
     * The documents still to relay, in order: the ones without {@value OutboxWriter#RELAY_AFTER} as handed over, the
     * others read again until their writer settled them (then they are dropped) or their time is up.
     */
    private List<Left> leftByTheirWriters(DocumentContainer container, List<ObjectNode> documents) {
        // keyed by partition and id: a state document's id (a ticket's "ticket") repeats across partitions
        Map<List<String>, ObjectNode> watched = new LinkedHashMap<>();
        Map<List<String>, Set<String>> handed = new LinkedHashMap<>();
        Instant now = clock.instant();
        Instant deadline = now;
        for (ObjectNode doc : documents) {
            List<String> id = key(container, doc);
            handed.put(id, isOutboxDocument(doc) ? Set.of() : pendingIds(doc));
            Instant relayAfter = relayAfter(doc);
            if (relayAfter != null) {
                watched.put(id, doc);
                deadline = relayAfter.isAfter(deadline) ? relayAfter : deadline;
            }
        }
        if (watched.isEmpty()) {
            return documents.stream().map(doc -> new Left(doc, handed.get(key(container, doc)))).toList();
        }
        deadline = deadline.isAfter(now.plus(grace)) ? now.plus(grace) : deadline;
        Duration pause = FIRST_PAUSE;
        int settledByWriters = 0;
        while (true) {
            for (var it = watched.entrySet().iterator(); it.hasNext(); ) {
                var entry = it.next();
                ObjectNode doc = entry.getValue();
                ObjectNode current = container.read(entry.getKey().get(0), entry.getKey().get(1)).orElse(null);
                if (current == null || (isOutboxDocument(doc) ? OutboxMarks.isSettled(current)
                        : pendingIds(current).stream().noneMatch(handed.get(entry.getKey())::contains))) {
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
        List<Left> left = new ArrayList<>();
        for (ObjectNode doc : documents) {
            List<String> id = key(container, doc);
            if (relayAfter(doc) == null) {
                left.add(new Left(doc, handed.get(id)));
            } else if (watched.containsKey(id)) {
                left.add(new Left(watched.get(id), handed.get(id)));
                log.warn("outbox {} of {} in {} was not published by its writer within {}: relaying it", id.get(1),
                        id.get(0), container.name(), grace);
            }
        }
        return left;
    }

    private static List<String> key(DocumentContainer container, ObjectNode doc) {
        return List.of(doc.path(container.partitionKeyField()).asText(), doc.path("id").asText());
    }

    private void pauseFor(Duration duration) {
        try {
            sleeper.sleep(duration);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while the relay left outbox documents to their writers", e);
        }
    }

    /** When the writer's time is up: the document's, or the latest of a state document's pending entries. */
    private static Instant relayAfter(ObjectNode doc) {
        if (isOutboxDocument(doc)) {
            return instant(doc);
        }
        Instant latest = null;
        for (ObjectNode entry : Outbox.pendingEntries(doc)) {
            Instant at = instant(entry);
            latest = at != null && (latest == null || at.isAfter(latest)) ? at : latest;
        }
        return latest;
    }

    private static Instant instant(ObjectNode doc) {
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
    private List<Item> publish(DocumentContainer container, List<Item> items) {
        List<Item> sent = new ArrayList<>();
        List<Item> rest = items;
        while (!rest.isEmpty()) {
            try {
                publisher.publish(rest.stream().map(item -> item.entry().message()).toList());
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

    private void park(DocumentContainer container, Item item, String reason) {
        OutboxEntry entry = item.entry();
        if (item.index() < 0) {
            marks.parked(container, item.document(), reason);
        } else {
            marks.parkedEmbedded(container, item.document(), item.index(), reason);
        }
        Correlation.set(entry.document().path("correlationId").asText(null));
        log.error("parked outbox {} in {} ({} of reservation {}): it can never be relayed: {}", entry.id(),
                container.name(), entry.document().path("type").asText("?"),
                entry.document().path("sessionId").asText("?"), reason);
        Correlation.clear();
    }

    private static int indexOf(List<Item> items, String messageId) {
        for (int i = 0; messageId != null && i < items.size(); i++) {
            if (messageId.equals(items.get(i).entry().message().messageId())) {
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
