package dev.flights.platform.cosmos;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.Mockito.mock;

import com.azure.cosmos.CosmosClient;
import com.azure.identity.ManagedIdentityCredential;
import dev.flights.platform.identity.ConnectionIdentity;
import dev.flights.platform.inprocess.InMemoryDocumentStore;
import dev.flights.platform.spring.MissingSettingsException;
import dev.flights.platform.spring.PlatformAutoConfiguration;
import dev.flights.platform.store.DocumentStore;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.mock.env.MockEnvironment;

class CosmosAutoConfigurationTest {

    // the in-process switch keeps the topic in-process; what is asserted here is the store
    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(CosmosAutoConfiguration.class, PlatformAutoConfiguration.class))
            .withPropertyValues("FLIGHTS_IN_PROCESS=true");

    @Test
    void withoutACosmosSettingTheInMemoryStoreStaysOnlyWhenInProcess() {
        runner.run(context -> {
            assertThat(context).doesNotHaveBean(CosmosClient.class);
            assertThat(context.getBean(DocumentStore.class)).isInstanceOf(InMemoryDocumentStore.class);
        });
    }

    @Test
    void anAccountEndpointGivesACosmosStoreOnTheNamedDatabase() {
        runner.withPropertyValues("CosmosDBConnection__accountEndpoint=https://example.documents.azure.com:443/",
                        "CosmosDatabase=reservations-db")
                .withBean(CosmosClient.class, () -> mock(CosmosClient.class))
                .run(context -> {
                    assertThat(context.getBean(DocumentStore.class)).isInstanceOf(CosmosDocumentStore.class);
                    assertThat(((CosmosDocumentStore) context.getBean(DocumentStore.class)).databaseName())
                            .isEqualTo("reservations-db");
                });
    }

    @Test
    void theAppStartsAndTakesItsContainersWithoutBuildingTheClientWhichTheFirstOperationBuilds() {
        runner.withPropertyValues("CosmosDBConnection__accountEndpoint=https://127.0.0.1:9/",
                        "CosmosDBConnection__credential=managedidentity", "CosmosDatabase=flights")
                .run(context -> {
                    assertThat(context).hasNotFailed();
                    DocumentStore store = context.getBean(DocumentStore.class);
                    assertThat(store).isInstanceOf(CosmosDocumentStore.class);

                    assertThat(store.container("reservations").partitionKeyField()).isEqualTo("reservationId");
                    assertThat(context.getBeanFactory().containsSingleton("cosmosClient"))
                            .as("the client, built while the app starts").isFalse();
                });
    }

    @Test
    void anAccountWithoutADatabaseFailsTheStartNamingIt() {
        runner.withPropertyValues("CosmosDBConnection__accountEndpoint=https://example.documents.azure.com:443/")
                .run(context -> assertThat(context.getStartupFailure()).rootCause()
                        .isInstanceOfSatisfying(MissingSettingsException.class,
                                e -> assertThat(e.settings()).containsExactly("CosmosDatabase")));
    }

    @Test
    void anAccountEndpointConnectsWithTheIdentityItsSettingsName() {
        MockEnvironment environment = new MockEnvironment()
                .withProperty("CosmosDBConnection__accountEndpoint", "https://example.documents.azure.com:443/")
                .withProperty("CosmosDatabase", "flights")
                .withProperty("CosmosDBConnection__credential", "managedidentity")
                .withProperty("CosmosDBConnection__clientId", "11111111-2222-3333-4444-555555555555");

        CosmosSettings settings = CosmosSettings.from(environment).orElseThrow();

        assertThat(settings.identityBased()).isTrue();
        assertThat(settings.identity()).isEqualTo(
                new ConnectionIdentity(true, "11111111-2222-3333-4444-555555555555"));
        assertThat(settings.identity().credential()).isInstanceOfSatisfying(ManagedIdentityCredential.class,
                credential -> assertThat(credential.getClientId()).isEqualTo("11111111-2222-3333-4444-555555555555"));
    }

    @Test
    void aConnectionStringGivesTheEndpointAndTheKey() {
        CosmosSettings settings = CosmosSettings.fromConnectionString(
                "AccountEndpoint=https://localhost:8081/;AccountKey=bm90LWEta2V5;", "flights");

        assertThat(settings.endpoint()).isEqualTo("https://localhost:8081/");
        assertThat(settings.key()).isEqualTo("bm90LWEta2V5");
        assertThat(settings.identityBased()).isFalse();
        assertThat(settings.toString()).doesNotContain("bm90LWEta2V5");
    }

    @Test
    void aConnectionStringWithoutAKeyIsRefusedWithoutEchoingIt() {
        assertThatThrownBy(() -> CosmosSettings.fromConnectionString("AccountEndpoint=https://secret-host/;", "flights"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageNotContaining("secret-host");
    }
}
