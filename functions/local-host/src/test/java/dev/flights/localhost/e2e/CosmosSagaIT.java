package dev.flights.localhost.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.azure.cosmos.CosmosClient;
import com.azure.cosmos.CosmosClientBuilder;
import com.fasterxml.jackson.databind.JsonNode;
import dev.flights.localhost.HostJson;
import dev.flights.localhost.LocalHostOptions;
import dev.flights.localhost.LocalHostRuntime;
import dev.flights.platform.cosmos.CosmosDocumentStore;
import dev.flights.platform.cosmos.LocalCosmosServer;
import dev.flights.platform.metering.Meter;
import dev.flights.platform.store.ContainerLayout;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The backbone's saga once more with the Cosmos DB adapter in place of the in-process store: every container, every
 * transactional batch with its outbox and every change feed goes over HTTPS to a local Cosmos-protocol server.
 */
class CosmosSagaIT {

    private static LocalCosmosServer server;
    private static CosmosClient client;
    private static LocalHostRuntime host;

    @BeforeAll
    static void startTheServerAndAHostOnIt() throws Exception {
        server = LocalCosmosServer.start();
        System.setProperty("COSMOS.EMULATOR_SERVER_CERTIFICATE_VALIDATION_DISABLED", "true");
        client = new CosmosClientBuilder().endpoint(server.endpoint()).key(LocalCosmosServer.DUMMY_KEY)
                .gatewayMode().contentResponseOnWriteEnabled(true).buildClient();
        host = LocalHostRuntime.start(new LocalHostOptions(0, SharedLocalHost.FAST_SETTINGS, 50,
                HostJson.topicSettings(),
                new CosmosDocumentStore(client, "flights")));
    }

    @AfterAll
    static void stop() {
        if (host != null) {
            host.close();
        }
        if (client != null) {
            client.close();
        }
        if (server != null) {
            server.close();
        }
    }

    @Test
    void aReservationIsPaidTicketedCancelledAndRefundedWithEveryDocumentInCosmosDb() {
        Api api = new Api(host.baseUri());
        String customer = Api.newCustomer();
        api.deposit(customer, 150);

        String id = api.reserve(customer, "KE123");
        JsonNode ticketed = api.awaitStatus(id, "TICKETED");
        assertThat(api.balance(customer)).isEqualTo(50);
        api.cancel(id);
        api.awaitReservation(id, r -> r.path("refunded").asBoolean() && r.path("ticketVoided").asBoolean(),
                "refunded and voided");

        assertThat(ticketed.path("ticketNumber").asText()).startsWith("TK-");
        assertThat(api.balance(customer)).isEqualTo(150);
        StatementLines statement = StatementLines.of(api.statement(customer).body()).assertAddsUp(customer);
        assertThat(statement.lines()).extracting(l -> l.path("type").asText())
                .containsExactly("REFUND", "CHARGE", "DEPOSIT");
        assertThat(api.deposit(customer, 20, "cosmos-key").body()).isEqualTo(api.deposit(customer, 20, "cosmos-key")
                .body());
        assertThat(api.balance(customer)).as("a keyed deposit sent twice is credited once").isEqualTo(170);
        List<JsonNode> list = Api.await(() -> api.list(customer),
                l -> l.size() == 1 && l.get(0).path("refunded").asBoolean(), "the list to show the refund");
        assertThat(list.get(0).path("status").asText()).isEqualTo("CANCELLED");
        assertThat(Api.await(() -> api.notifications(customer), n -> n.size() >= 7, "seven notifications"))
                .extracting(n -> n.path("type").asText()).contains("TicketVoided", "PaymentRefunded");
        assertThat(host.store().container(ContainerLayout.ACCOUNTS).read(customer, "account").orElseThrow()
                .path("_etag").asText()).as("the account is a Cosmos DB document").isNotBlank();
        assertThat(host.deadLetters()).isEmpty();
    }

    @Test
    void everyWriteCountedAtThePortIsAWriteTheCosmosDbAdapterSentAndWasChargedFor() {
        Api api = new Api(host.baseUri());
        String customer = Api.newCustomer();
        api.deposit(customer, 100);
        api.awaitStatus(api.reserve(customer, "KE123"), "TICKETED");
        host.awaitQuiet(Duration.ofSeconds(30));

        Map<String, Meter.Reading> charged = ((CosmosDocumentStore) host.store()).requestCharges().snapshot();
        Map<String, Meter.Reading> counted = host.storeRequests().snapshot();

        for (String container : List.of(ContainerLayout.RESERVATIONS, ContainerLayout.ACCOUNTS,
                ContainerLayout.TICKETS, ContainerLayout.NOTIFICATIONS, ContainerLayout.RESERVATION_VIEW,
                ContainerLayout.LEASES)) {
            for (String operation : List.of("batch", "upsert")) {
                long atThePort = counted.entrySet().stream()
                        .filter(e -> e.getKey().endsWith(" " + container + " " + operation))
                        .mapToLong(e -> e.getValue().count()).sum();
                Meter.Reading bySdk = charged.getOrDefault(container + " " + operation, Meter.Reading.ZERO);
                assertThat(atThePort).as("%s %s counted at the port and sent by the adapter", container, operation)
                        .isEqualTo(bySdk.count());
                assertThat(bySdk.amount()).as("%s %s: every request's charge recorded", container, operation)
                        .isGreaterThanOrEqualTo(bySdk.count());
            }
        }
        assertThat(counted.keySet()).anyMatch(key -> key.endsWith(" reservations batch"))
                .anyMatch(key -> key.endsWith(" leases upsert"));
    }
}
