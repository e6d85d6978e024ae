package dev.flights.platform.inprocess;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/**
 * Where an {@link InMemoryDocumentContainer} records its writes before it applies them, so a host that keeps its
 * data can replay them after a restart. {@link #NONE} keeps nothing: the container lives in memory only.
 */
@FunctionalInterface
public interface DocumentJournal {

    DocumentJournal NONE = (container, documents) -> { };

    /**
     * Records one write (a batch is one write) of these documents, as stored (with {@code _etag} and {@code _ts}),
     * before the container applies it and under the container's lock; when this throws, the write fails and the
     * container is unchanged.
     */
    void stored(String container, List<ObjectNode> documents);
}
