package dev.flights.platform.outbox;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.flights.platform.messaging.EventPublisher;
import dev.flights.platform.messaging.OutgoingMessage;
import dev.flights.platform.store.DocumentContainer;
import dev.flights.platform.store.TransactionalBatch;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Commits a transactional batch that holds outbox documents (see {@link Outbox#append}) and then, in the same
 * invocation, publishes them straight to the topic and marks them {@value Outbox#RELAYED}: the next consumer gets the
 * event without waiting for a change-feed poll. Every app writes its outbox through this one bean.
 *
 * <p>The change-feed relay stays the safety net. Each outbox document carries {@value #RELAY_AFTER} (commit time plus
 * {@code outbox.relay-grace}); the relay leaves an unmarked document alone until then and reads it again before it
 * sends it, so in the common case it sends nothing twice. When the publish fails, or the process dies between the
 * commit and the publish (or the mark), the relay sends it after the grace under the same message id: the topic's
 * duplicate detection drops a second copy, and the consumers are idempotent past its window.
 *
 * <p>The same for the entries of an embedded outbox ({@link Outbox#embed}): the entries the batch adds get
 * {@value #RELAY_AFTER}, are published after the commit, and are then removed from the state document (one replace).
 *
 * <p>The invocation never fails because of the publish: the state is committed and the relay will send it.
 */
public final class OutboxWriter {

    /** The field of an outbox document before which the relay leaves it to its writer. */
    public static final String RELAY_AFTER = "relayAfter";

    /** A hook between the commit and the direct publish: where a test makes the process "die". */
    @FunctionalInterface
    public interface AfterCommit {
        AfterCommit NONE = (container, outboxDocuments) -> { };

        void committed(String container, List<ObjectNode> outboxDocuments);
    }

    private static final Logger log = LoggerFactory.getLogger(OutboxWriter.class);

    private final EventPublisher publisher;
    private final Clock clock;
    private final OutboxSettings settings;
    private final OutboxMarks marks;
    private final AfterCommit afterCommit;

    public OutboxWriter(EventPublisher publisher, Clock clock, OutboxSettings settings, AfterCommit afterCommit) {
        this.publisher = publisher;
        this.clock = clock;
        this.settings = settings;
        this.marks = new OutboxMarks(clock, settings.ttl());
        this.afterCommit = afterCommit;
    }

    /** Commits only, as before direct publishing: every outbox document is left to the relay. */
    public static OutboxWriter relayOnly() {
        OutboxSettings defaults = OutboxSettings.defaults();
        return new OutboxWriter(messages -> {
            throw new IllegalStateException("a relay-only outbox writer publishes nothing");
        }, Clock.systemUTC(), new OutboxSettings(defaults.ttl(), false, defaults.relayGrace()), AfterCommit.NONE);
    }

    public boolean publishesDirectly() {
        return settings.directPublish();
    }

    /**
     * Executes the batch on the container (all or nothing, as {@link DocumentContainer#execute}), then publishes the
     * outbox documents it created, in batch order, and marks them relayed.
     *
     * @return the stored documents in order, as {@link DocumentContainer#execute} returns them
     */
    public List<ObjectNode> commit(DocumentContainer container, TransactionalBatch batch) {
        // the message ids of the entries this batch adds to embedded outboxes (carried-over ones are not its own)
        Set<String> embedded = new HashSet<>();
        // of those, the ones this writer settles (an entry awaiting its answer is settled by the answer's version)
        Set<String> toSettle = new HashSet<>();
        if (settings.directPublish()) {
            String relayAfter = clock.instant().plus(settings.relayGrace()).toString();
            for (TransactionalBatch.Operation operation : batch.operations()) {
                if (operation.kind() == TransactionalBatch.Kind.CREATE && isOutbox(operation.document())) {
                    operation.document().put(RELAY_AFTER, relayAfter);
                }
                for (ObjectNode entry : Outbox.pendingEntries(operation.document())) {
                    if (!entry.has(RELAY_AFTER)) {
                        entry.put(RELAY_AFTER, relayAfter);
                        embedded.add(entry.path("messageId").asText());
                        if (!entry.path(Outbox.AWAITS_ANSWER).asBoolean(false)) {
                            toSettle.add(entry.path("messageId").asText());
                        }
                    }
                }
            }
        }
        List<ObjectNode> stored = container.execute(batch);
        if (!settings.directPublish()) {
            return stored;
        }
        List<ObjectNode> outbox = new ArrayList<>();
        List<ObjectNode> hosts = new ArrayList<>();
        List<OutboxEntry> entries = new ArrayList<>();
        for (ObjectNode doc : stored) {
            if (isOutbox(doc)) {
                outbox.add(doc);
                entries.add(OutboxEntry.of(doc));
                continue;
            }
            boolean host = false;
            for (ObjectNode entry : Outbox.pendingEntries(doc)) {
                if (embedded.contains(entry.path("messageId").asText())) {
                    entries.add(OutboxEntry.of(entry));
                    host = true;
                }
            }
            if (host) {
                hosts.add(doc);
            }
        }
        if (entries.isEmpty()) {
            return stored;
        }
        List<ObjectNode> committed = new ArrayList<>(outbox);
        committed.addAll(hosts);
        afterCommit.committed(container.name(), committed);
        List<OutgoingMessage> messages = new ArrayList<>();
        for (OutboxEntry entry : entries) {
            if (entry.message() == null) {
                // the relay parks it with its reason; nothing after it is sent ahead of it
                log.warn("outbox entry {} in {} left to the relay: {}", entry.id(), container.name(),
                        entry.problem());
                return stored;
            }
            messages.add(entry.message());
        }
        try {
            publisher.publish(messages);
        } catch (RuntimeException e) {
            log.warn("{} outbox message(s) of {} committed but not published now; the relay sends them after {}: {}",
                    messages.size(), container.name(), settings.relayGrace(), e.toString());
            return stored;
        }
        try {
            if (!outbox.isEmpty()) {
                marks.relayed(container, batch.partitionKey(), outbox);
            }
            if (!toSettle.isEmpty()) {
                for (ObjectNode host : hosts) {
                    marks.sentEmbedded(container, host, toSettle);
                }
            }
        } catch (RuntimeException e) {
            log.warn("{} outbox message(s) of {} published but not marked; the relay sends them again (the topic drops"
                    + " the copy): {}", messages.size(), container.name(), e.toString());
        }
        return stored;
    }

    static boolean isOutbox(ObjectNode doc) {
        return Outbox.DOC_TYPE.equals(doc.path("docType").asText());
    }
}
