package dev.flights.platform.cosmos;

import com.azure.cosmos.CosmosClient;
import com.azure.cosmos.CosmosDatabase;
import com.azure.cosmos.CosmosException;
import com.azure.cosmos.models.CosmosContainerProperties;
import com.azure.cosmos.models.CosmosContainerResponse;
import com.azure.cosmos.models.CosmosDatabaseResponse;
import dev.flights.platform.metering.Meter;
import dev.flights.platform.store.ContainerLayout;
import dev.flights.platform.store.DocumentContainer;
import dev.flights.platform.store.DocumentStore;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A Cosmos DB database behind the {@link DocumentStore} port. Containers are opened on first use with the partition
 * key path of {@link ContainerLayout}; the database and a missing container are created then (infra/ creates them
 * on Azure, where this finds them in place).
 */
public final class CosmosDocumentStore implements DocumentStore {

    private static final Logger log = LoggerFactory.getLogger(CosmosDocumentStore.class);

    private final CosmosClient client;
    private final String databaseName;
    private final Map<String, CosmosDocumentContainer> containers = new ConcurrentHashMap<>();
    private final Meter requestCharges = new Meter();
    private volatile CosmosDatabase database;

    public CosmosDocumentStore(CosmosClient client, String databaseName) {
        this.client = client;
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
        CosmosDocumentContainer container = containers.computeIfAbsent(name, n -> open(n, partitionKeyField));
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
}
