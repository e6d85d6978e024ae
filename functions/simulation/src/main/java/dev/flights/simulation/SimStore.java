package dev.flights.simulation;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.flights.platform.inprocess.InMemoryDocumentContainer;
import dev.flights.platform.store.ChangeFeedPage;
import dev.flights.platform.store.ContainerLayout;
import dev.flights.platform.store.DocumentContainer;
import dev.flights.platform.store.DocumentQuery;
import dev.flights.platform.store.DocumentStore;
import dev.flights.platform.store.StoreUnavailableException;
import dev.flights.platform.store.TransactionalBatch;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The Cosmos DB account of a run: the in-process containers (ETags, transactional batches, change feed, ttl) on the
 * virtual clock, new for every seed. Each app sees them through its own view, which makes every call a yield point
 * and injects the seed's faults: the app's store down (503), a crash just before or just after a write (the app's
 * process dies there, with every invocation it was running and what it kept in memory). The views
 * live as long as the apps' contexts; what they reach is the current run's containers.
 */
final class SimStore {

    private final VirtualClock clock;
    private Map<String, InMemoryDocumentContainer> containers = new HashMap<>();
    private Faults faults;
    private Mutation mutation = Mutation.NONE;

    SimStore(VirtualClock clock) {
        this.clock = clock;
    }

    void reset(Faults runFaults, Mutation runMutation) {
        this.containers = new HashMap<>();
        this.faults = runFaults;
        this.mutation = runMutation;
    }

    /** A container as it is, without faults: for the change feeds (read by the host) and the final checks. */
    synchronized InMemoryDocumentContainer backing(String name) {
        return containers.computeIfAbsent(name,
                n -> new InMemoryDocumentContainer(n, ContainerLayout.partitionKeyField(n), clock));
    }

    DocumentStore viewOf(String app) {
        return name -> new AppContainer(app, name);
    }

    /** One app's view of one container. */
    private final class AppContainer implements DocumentContainer {

        private final String app;
        private final String name;

        AppContainer(String app, String name) {
            this.app = app;
            this.name = name;
        }

        @Override
        public String name() {
            return name;
        }

        @Override
        public String partitionKeyField() {
            return ContainerLayout.partitionKeyField(name);
        }

        @Override
        public Optional<ObjectNode> read(String partitionKey, String id) {
            enter();
            return backing(name).read(partitionKey, id);
        }

        @Override
        public List<ObjectNode> query(String partitionKey, DocumentQuery query) {
            enter();
            return backing(name).query(partitionKey, query);
        }

        @Override
        public ObjectNode upsert(ObjectNode document) {
            enter();
            crashBefore();
            ObjectNode stored = backing(name).upsert(document);
            crashAfter();
            return stored;
        }

        @Override
        public List<ObjectNode> execute(TransactionalBatch batch) {
            enter();
            crashBefore();
            List<ObjectNode> stored = backing(name).execute(mutation == Mutation.ETAG_IGNORED ? unconditional(batch)
                    : batch);
            crashAfter();
            return stored;
        }

        @Override
        public ChangeFeedPage readChanges(String continuation, int maxItems) {
            return backing(name).readChanges(continuation, maxItems);
        }

        private void enter() {
            Scheduler.yieldPoint();
            if (faults != null && faults.isStoreDown(app)) {
                throw new StoreUnavailableException("503 service unavailable (" + app + "'s store down, simulated)");
            }
        }

        private void crashBefore() {
            if (Scheduler.current() != null && faults.chance(Faults.Kind.CRASH_BEFORE_WRITE, Faults.CRASH_BEFORE_WRITE)) {
                faults.processDied.accept(app);
                throw new SimulatedCrash("before a write to " + name + " by " + app);
            }
        }

        private void crashAfter() {
            if (Scheduler.current() != null && faults.chance(Faults.Kind.CRASH_AFTER_WRITE, Faults.CRASH_AFTER_WRITE)) {
                faults.processDied.accept(app);
                throw new SimulatedCrash("after a write to " + name + " by " + app);
            }
        }
    }

    /** The mutation {@link Mutation#ETAG_IGNORED}: every If-Match dropped, so a replace overwrites whatever is there. */
    private static TransactionalBatch unconditional(TransactionalBatch batch) {
        TransactionalBatch copy = TransactionalBatch.in(batch.partitionKey());
        for (TransactionalBatch.Operation op : batch.operations()) {
            switch (op.kind()) {
                case CREATE -> copy.create(op.document());
                case REPLACE -> copy.replace(op.document(), null);
                case UPSERT -> copy.upsert(op.document());
            }
        }
        return copy;
    }
}
