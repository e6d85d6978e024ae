package dev.flights.platform.outbox;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.flights.platform.messaging.EventPublisher;
import dev.flights.platform.messaging.OutgoingMessage;
import dev.flights.platform.store.DocumentContainer;
import dev.flights.platform.store.TransactionalBatch;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
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
        if (settings.directPublish()) {
            Instant relayAfter = clock.instant().plus(settings.relayGrace());
            for (TransactionalBatch.Operation operation : batch.operations()) {
                if (operation.kind() == TransactionalBatch.Kind.CREATE && isOutbox(operation.document())) {
                    operation.document().put(RELAY_AFTER, relayAfter.toString());
                }
            }
        }
        List<ObjectNode> stored = container.execute(batch);
        if (!settings.directPublish()) {
            return stored;
        }
        List<ObjectNode> outbox = stored.stream().filter(OutboxWriter::isOutbox).toList();
        if (outbox.isEmpty()) {
            return stored;
        }
        afterCommit.committed(container.name(), outbox);
        List<OutgoingMessage> messages = new ArrayList<>();
        for (ObjectNode doc : outbox) {
            OutboxEntry entry = OutboxEntry.of(doc);
            if (entry.message() == null) {
                // the relay parks it with its reason; nothing after it is sent ahead of it
                log.warn("outbox document {} in {} left to the relay: {}", entry.id(), container.name(),
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
            marks.relayed(container, batch.partitionKey(), outbox);
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
