package dev.flights.platform.cosmos;

import com.azure.cosmos.CosmosClient;
import com.azure.cosmos.CosmosClientBuilder;
import dev.flights.platform.store.DocumentContainer;
import dev.flights.platform.store.DocumentContainerContract;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

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
