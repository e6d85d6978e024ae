package dev.flights.platform.metering;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.flights.contract.codec.EventCodec;
import dev.flights.platform.store.ChangeFeedPage;
import dev.flights.platform.store.DocumentContainer;
import dev.flights.platform.store.DocumentQuery;
import dev.flights.platform.store.DocumentStore;
import dev.flights.platform.store.SizedDocument;
import dev.flights.platform.store.TransactionalBatch;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * A {@link DocumentStore} that counts every request it passes on, in a {@link Meter} under
 * {@code "<who> <container> <operation>"}, with the request units {@link RequestUnitModel} estimates for it from
 * the sizes of the documents read or written. Operations: {@code read}, {@code read-miss}, {@code query},
 * {@code upsert}, {@code batch} (one request, however many operations), {@code changes} (a change-feed read that
 * found changes), {@code changes-empty}; a request that fails is counted as {@code <operation> failed} with no
 * request units. Whatever the wrapped store does (in process or Cosmos DB) is passed on unchanged.
 */
public final class MeteredDocumentStore implements DocumentStore {

    private final DocumentStore store;
    private final String who;
    private final Meter meter;
    private final Map<String, DocumentContainer> containers = new ConcurrentHashMap<>();

    /** @param who whose requests these are (an app, a change-feed trigger), the first word of every key */
    public MeteredDocumentStore(DocumentStore store, String who, Meter meter) {
        this.store = store;
        this.who = who;
        this.meter = meter;
    }

    @Override
    public DocumentContainer container(String name) {
        return containers.computeIfAbsent(name, n -> new MeteredContainer(store.container(n)));
    }

    /**
     * The document's size as JSON text in UTF-8: as the store gave it, when it says ({@link SizedDocument}), or
     * written to a stream that only counts (as compact as {@code toString()} writes it).
     */
    static long size(ObjectNode document) {
        if (document == null) {
            return 0;
        }
        if (document instanceof SizedDocument sized && sized.storedBytes() >= 0) {
            return sized.storedBytes();
        }
        CountingStream counted = new CountingStream();
        try {
            EventCodec.json().writeValue(counted, document);
        } catch (IOException e) {
            throw new UncheckedIOException("a document tree always serializes", e);
        }
        return counted.bytes;
    }

    /** Counts what is written to it and keeps none of it. */
    private static final class CountingStream extends OutputStream {

        long bytes;

        @Override
        public void write(int b) {
            bytes++;
        }

        @Override
        public void write(byte[] b, int off, int len) {
            bytes += len;
        }
    }

    private static long[] sizes(List<ObjectNode> documents) {
        return documents.stream().mapToLong(MeteredDocumentStore::size).toArray();
    }

    private final class MeteredContainer implements DocumentContainer {

        private final DocumentContainer container;

        MeteredContainer(DocumentContainer container) {
            this.container = container;
        }

        private <T> T counted(String operation, Supplier<T> request) {
            try {
                return request.get();
            } catch (RuntimeException e) {
                meter.record(key(operation + " failed"), 0);
                throw e;
            }
        }

        private String key(String operation) {
            return who + " " + container.name() + " " + operation;
        }

        @Override
        public String name() {
            return container.name();
        }

        @Override
        public String partitionKeyField() {
            return container.partitionKeyField();
        }

        @Override
        public Optional<ObjectNode> read(String partitionKey, String id) {
            Optional<ObjectNode> found = counted("read", () -> container.read(partitionKey, id));
            if (found.isPresent()) {
                meter.record(key("read"), RequestUnitModel.read(size(found.get())));
            } else {
                meter.record(key("read-miss"), RequestUnitModel.readMiss());
            }
            return found;
        }

        @Override
        public List<ObjectNode> query(String partitionKey, DocumentQuery query) {
            List<ObjectNode> found = counted("query", () -> container.query(partitionKey, query));
            meter.record(key("query"), RequestUnitModel.query(sizes(found)));
            return found;
        }

        @Override
        public ObjectNode upsert(ObjectNode document) {
            ObjectNode stored = counted("upsert", () -> container.upsert(document));
            meter.record(key("upsert"), RequestUnitModel.write(size(stored != null ? stored : document)));
            return stored;
        }

        @Override
        public List<ObjectNode> execute(TransactionalBatch batch) {
            List<ObjectNode> stored = counted("batch", () -> container.execute(batch));
            double ru = 0;
            for (int i = 0; i < batch.operations().size(); i++) {
                ObjectNode written = i < stored.size() && stored.get(i) != null ? stored.get(i)
                        : batch.operations().get(i).document();
                ru += RequestUnitModel.write(size(written));
            }
            meter.record(key("batch"), ru);
            return stored;
        }

        @Override
        public ChangeFeedPage readChanges(String continuation, int maxItems) {
            ChangeFeedPage page = counted("changes", () -> container.readChanges(continuation, maxItems));
            meter.record(key(page.documents().isEmpty() ? "changes-empty" : "changes"),
                    RequestUnitModel.changeFeed(sizes(page.documents())));
            return page;
        }
    }
}
