package dev.flights.platform.cosmos;

import static org.assertj.core.api.Assertions.assertThat;

import com.azure.cosmos.CosmosClient;
import com.azure.cosmos.CosmosClientBuilder;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.flights.platform.metering.Meter;
import dev.flights.platform.store.DocumentContainer;
import dev.flights.platform.store.DocumentContainerContract;
import dev.flights.platform.store.TransactionalBatch;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The document container contract, run against the Cosmos DB adapter over a real HTTPS connection to a local
 * Cosmos-protocol server ({@link LocalCosmosServer}: @vercel/cosmosdb-server with its gaps patched).
 */
class CosmosDocumentContainerIT extends DocumentContainerContract {

    private static LocalCosmosServer server;
    private static CosmosClient client;
    private static CosmosDocumentStore store;

    @BeforeAll
    static void startTheServer() throws Exception {
        server = LocalCosmosServer.start();
        System.setProperty("COSMOS.EMULATOR_SERVER_CERTIFICATE_VALIDATION_DISABLED", "true");
        client = new CosmosClientBuilder()
                .endpoint(server.endpoint())
                .key(LocalCosmosServer.DUMMY_KEY)
                .gatewayMode()
                .contentResponseOnWriteEnabled(true)
                .buildClient();
        store = new CosmosDocumentStore(client, "contract");
    }

    @AfterAll
    static void stopTheServer() {
        if (client != null) {
            client.close();
        }
        if (server != null) {
            server.close();
        }
    }

    @Test
    void everyRequestAddsWhatTheSdkReportsAsItsChargeToTheStoresRequestCharges() {
        String name = "charges-" + UUID.randomUUID().toString().substring(0, 8);
        DocumentContainer container = store.container(name, "pk");
        Map<String, Meter.Reading> before = store.requestCharges().snapshot();
        ObjectMapper json = new ObjectMapper();

        container.upsert(json.createObjectNode().put("id", "a").put("pk", "p"));
        container.read("p", "a");
        container.read("p", "missing");
        container.execute(TransactionalBatch.in("p").create(json.createObjectNode().put("id", "b").put("pk", "p"))
                .create(json.createObjectNode().put("id", "c").put("pk", "p")));
        container.readChanges(null, 10);

        Map<String, Meter.Reading> charged = Meter.difference(store.requestCharges().snapshot(), before);
        // the local server charges 1 RU a request and a batch 1 RU an operation (launcher.js): a placeholder, but
        // what the SDK reports is what is recorded
        assertThat(charged).containsEntry(name + " upsert", new Meter.Reading(1, 1.0))
                .containsEntry(name + " batch", new Meter.Reading(1, 2.0));
        assertThat(charged.get(name + " read").count()).as("a hit and a miss").isEqualTo(2);
        assertThat(charged.get(name + " changes").count()).isEqualTo(1);
        assertThat(charged.keySet()).allMatch(key -> key.startsWith(name + " ") && !key.endsWith("failed"));
    }

    @Override
    protected DocumentContainer container(String name, String partitionKeyField) {
        return store.container(name, partitionKeyField);
    }

    @Override
    protected void letTimePass(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while letting time pass", e);
        }
    }
}
