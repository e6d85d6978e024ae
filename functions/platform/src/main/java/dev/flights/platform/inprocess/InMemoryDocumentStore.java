package dev.flights.platform.inprocess;

import dev.flights.platform.store.ContainerLayout;
import dev.flights.platform.store.DocumentContainer;
import dev.flights.platform.store.DocumentStore;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A database of in-memory containers. Containers are created on first use with the partition key path
 * the README's "On Azure" lists them ({@link ContainerLayout}).
 */
public final class InMemoryDocumentStore implements DocumentStore {

    private final Map<String, InMemoryDocumentContainer> containers = new ConcurrentHashMap<>();

    @Override
    public DocumentContainer container(String name) {
        return containers.computeIfAbsent(name,
                n -> new InMemoryDocumentContainer(n, ContainerLayout.partitionKeyField(n)));
    }
}
