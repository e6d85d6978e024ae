package dev.flights.platform.cosmos;

import com.azure.cosmos.CosmosClient;
import com.azure.cosmos.CosmosDatabase;
import com.azure.cosmos.CosmosException;
import com.azure.cosmos.models.CosmosContainerProperties;
import com.azure.cosmos.models.CosmosContainerResponse;
import com.azure.cosmos.models.CosmosDatabaseResponse;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.flights.platform.metering.Meter;
import dev.flights.platform.store.ChangeFeedPage;
import dev.flights.platform.store.ContainerLayout;
import dev.flights.platform.store.DocumentContainer;
import dev.flights.platform.store.DocumentQuery;
import dev.flights.platform.store.DocumentStore;
import dev.flights.platform.store.TransactionalBatch;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A Cosmos DB database behind the {@link DocumentStore} port. A container is opened on the first operation on it,
 * with the partition key path of {@link ContainerLayout}; the database and a missing container are created then
 * (infra/ creates them on Azure, where this finds them in place). The client is asked for then too: an app whose
 * adapters take their containers while it starts builds no SDK client and connects nowhere until the first
 * function reads or writes; a failed open is tried again on the next operation.
 */
public final class CosmosDocumentStore implements DocumentStore {

    private static final Logger log = LoggerFactory.getLogger(CosmosDocumentStore.class);

    private final Supplier<CosmosClient> clients;
    private final String databaseName;
    private final Map<String, OpenedOnFirstUse> containers = new ConcurrentHashMap<>();
    private final Meter requestCharges = new Meter();
    private volatile CosmosDatabase database;

    public CosmosDocumentStore(CosmosClient client, String databaseName) {
        this(() -> client, databaseName);
    }

    /** A store whose client {@code clients} gives on the first use of the store, asked once. */
    public CosmosDocumentStore(Supplier<CosmosClient> clients, String databaseName) {
        this.clients = Objects.requireNonNull(clients, "clients");
        this.databaseName = databaseName;
    }

    public String databaseName() {
        return databaseName;
    }

    /**
     * The request units Cosmos DB charged for every request made through this store so far, by
     * {@code "<container> <operation>"} (read, query, upsert, batch, changes; {@code failed} appended for a failure
     * other than a 404): the count is requests, the amount the sum of the SDK's {@code getRequestCharge()}.
     */
    public Meter requestCharges() {
        return requestCharges;
    }

    @Override
    public DocumentContainer container(String name) {
        return container(name, ContainerLayout.partitionKeyField(name));
    }

    /** A container partitioned by {@code partitionKeyField}, created when missing. */
    public DocumentContainer container(String name, String partitionKeyField) {
        OpenedOnFirstUse container = containers.computeIfAbsent(name,
                n -> new OpenedOnFirstUse(n, partitionKeyField, () -> open(n, partitionKeyField)));
        if (!container.partitionKeyField().equals(partitionKeyField)) {
            throw new IllegalArgumentException("container " + name + " is partitioned by "
                    + container.partitionKeyField() + ", not " + partitionKeyField);
        }
        return container;
    }

    private CosmosDocumentContainer open(String name, String partitionKeyField) {
        CosmosDatabase db = database();
        try {
            CosmosContainerProperties properties = new CosmosContainerProperties(name, "/" + partitionKeyField);
            // time to live on, no default: only documents given a ttl expire (relayed outbox documents)
            properties.setDefaultTimeToLiveInSeconds(-1);
            CosmosContainerResponse response = db.createContainerIfNotExists(properties);
            log.debug("cosmos open container {} pk=/{} status={} RU={}", name, partitionKeyField,
                    response.getStatusCode(), response.getRequestCharge());
        } catch (CosmosException e) {
            throw CosmosStatus.toStoreException("container " + name, e);
        }
        return new CosmosDocumentContainer(db.getContainer(name), name, partitionKeyField, requestCharges);
    }

    private CosmosDatabase database() {
        CosmosDatabase db = database;
        if (db == null) {
            synchronized (this) {
                if (database == null) {
                    CosmosClient client = clients.get();
                    try {
                        CosmosDatabaseResponse response = client.createDatabaseIfNotExists(databaseName);
                        log.debug("cosmos open database {} status={} RU={}", databaseName, response.getStatusCode(),
                                response.getRequestCharge());
                    } catch (CosmosException e) {
                        throw CosmosStatus.toStoreException("database " + databaseName, e);
                    }
                    database = client.getDatabase(databaseName);
                }
                db = database;
            }
        }
        return db;
    }

    /** A container that is opened (and the client built) on its first operation, once it succeeds. */
    private static final class OpenedOnFirstUse implements DocumentContainer {

        private final String name;
        private final String partitionKeyField;
        private final Supplier<CosmosDocumentContainer> opener;
        private volatile CosmosDocumentContainer opened;

        OpenedOnFirstUse(String name, String partitionKeyField, Supplier<CosmosDocumentContainer> opener) {
            this.name = name;
            this.partitionKeyField = partitionKeyField;
            this.opener = opener;
        }

        private CosmosDocumentContainer opened() {
            CosmosDocumentContainer container = opened;
            if (container == null) {
                synchronized (this) {
                    if (opened == null) {
                        opened = opener.get();
                    }
                    container = opened;
                }
            }
            return container;
        }

        @Override
        public String name() {
            return name;
        }

        @Override
        public String partitionKeyField() {
            return partitionKeyField;
        }

        @Override
        public Optional<ObjectNode> read(String partitionKey, String id) {
            return opened().read(partitionKey, id);
        }

        @Override
        public List<ObjectNode> query(String partitionKey, DocumentQuery query) {
            return opened().query(partitionKey, query);
        }

        @Override
        public ObjectNode upsert(ObjectNode document) {
            return opened().upsert(document);
        }

        @Override
        public List<ObjectNode> execute(TransactionalBatch batch) {
            return opened().execute(batch);
        }

        @Override
        public ChangeFeedPage readChanges(String continuation, int maxItems) {
            return opened().readChanges(continuation, maxItems);
        }
    }
}
