package dev.flights.platform.inprocess;

import dev.flights.platform.store.ContainerLayout;
import dev.flights.platform.store.DocumentContainer;
import dev.flights.platform.store.DocumentStore;
import java.time.Clock;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A database of in-memory containers. Containers are created on first use with the partition key path
 * the README's "On Azure" lists them ({@link ContainerLayout}). With a {@link DocumentJournal} every write is
 * recorded before it is applied (see {@link DataDirectory}).
 */
public final class InMemoryDocumentStore implements DocumentStore {

    private final Map<String, InMemoryDocumentContainer> containers = new ConcurrentHashMap<>();
    private final DocumentJournal journal;

    public InMemoryDocumentStore() {
        this(DocumentJournal.NONE);
    }

    public InMemoryDocumentStore(DocumentJournal journal) {
        this.journal = journal;
    }

    @Override
    public DocumentContainer container(String name) {
        return containerNamed(name);
    }

    InMemoryDocumentContainer containerNamed(String name) {
        return containers.computeIfAbsent(name,
                n -> new InMemoryDocumentContainer(n, ContainerLayout.partitionKeyField(n), Clock.systemUTC(), journal));
    }

    /** The containers created so far, by name. */
    Map<String, InMemoryDocumentContainer> containers() {
        return new TreeMap<>(containers);
    }
}
