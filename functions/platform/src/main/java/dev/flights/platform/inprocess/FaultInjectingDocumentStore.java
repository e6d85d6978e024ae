package dev.flights.platform.inprocess;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.flights.platform.store.ChangeFeedPage;
import dev.flights.platform.store.DocumentContainer;
import dev.flights.platform.store.DocumentQuery;
import dev.flights.platform.store.DocumentStore;
import dev.flights.platform.store.StoreException;
import dev.flights.platform.store.StoreUnavailableException;
import dev.flights.platform.store.TransactionalBatch;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A store an app sees through, which can be switched to fail every call with {@link StoreUnavailableException}
 * (what a throttled or unreachable Cosmos DB answers). It counts the calls that reached it while failing, so a test
 * can tell whether a caller kept hammering it. It can also be switched to refuse every call for good
 * ({@link StoreRejectedException}, 403: what Cosmos DB answers an identity without a data role), a failure no retry
 * or deferral fixes, so a consumer's messages end in the dead-letter queue until an operator mends it. The change
 * feed is left alone: it is read by other apps' triggers.
 */
public final class FaultInjectingDocumentStore implements DocumentStore {

    private final DocumentStore delegate;
    private final AtomicBoolean failing = new AtomicBoolean();
    private final AtomicBoolean rejecting = new AtomicBoolean();
    private final AtomicLong callsWhileFailing = new AtomicLong();

    public FaultInjectingDocumentStore(DocumentStore delegate) {
        this.delegate = delegate;
    }

    public void setFailing(boolean value) {
        failing.set(value);
    }

    /** Refuses every call with 403 until switched back. */
    public void setRejecting(boolean value) {
        rejecting.set(value);
    }

    public boolean isFailing() {
        return failing.get();
    }

    public long callsWhileFailing() {
        return callsWhileFailing.get();
    }

    @Override
    public DocumentContainer container(String name) {
        DocumentContainer inner = delegate.container(name);
        return new DocumentContainer() {
            @Override
            public String name() {
                return inner.name();
            }

            @Override
            public String partitionKeyField() {
                return inner.partitionKeyField();
            }

            @Override
            public Optional<ObjectNode> read(String partitionKey, String id) {
                failIfSwitchedOn();
                return inner.read(partitionKey, id);
            }

            @Override
            public List<ObjectNode> query(String partitionKey, DocumentQuery query) {
                failIfSwitchedOn();
                return inner.query(partitionKey, query);
            }

            @Override
            public ObjectNode upsert(ObjectNode document) {
                failIfSwitchedOn();
                return inner.upsert(document);
            }

            @Override
            public List<ObjectNode> execute(TransactionalBatch batch) {
                failIfSwitchedOn();
                return inner.execute(batch);
            }

            @Override
            public ChangeFeedPage readChanges(String continuation, int maxItems) {
                return inner.readChanges(continuation, maxItems);
            }
        };
    }

    private void failIfSwitchedOn() {
        if (rejecting.get()) {
            throw new StoreRejectedException("403 forbidden: the app's identity has no data role on the account"
                    + " (fault injected)");
        }
        if (failing.get()) {
            callsWhileFailing.incrementAndGet();
            throw new StoreUnavailableException("503 service unavailable (fault injected)");
        }
    }

    /** A store call refused for a reason retrying does not fix (403). */
    public static final class StoreRejectedException extends StoreException {

        private static final long serialVersionUID = 1L;

        StoreRejectedException(String message) {
            super(403, message, null);
        }
    }
}
