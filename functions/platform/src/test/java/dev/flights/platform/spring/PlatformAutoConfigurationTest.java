package dev.flights.platform.spring;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flights.platform.auth.AuthSettings;
import dev.flights.platform.inprocess.InMemoryDocumentStore;
import dev.flights.platform.inprocess.InProcessTopic;
import dev.flights.platform.messaging.EventPublisher;
import dev.flights.platform.store.DocumentStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

class PlatformAutoConfigurationTest {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(PlatformAutoConfiguration.class));

    @AfterEach
    void authenticateAsByDefault() {
        // an app's start chooses the authentication of every function in the JVM; the next test expects the default
        AuthSettings.install(setting -> null);
    }

    @Test
    void anAppWithoutSettingsRefusesToStartNamingEveryMissingSetting() {
        runner.run(context -> {
            assertThat(context).hasFailed();
            assertThat(context.getStartupFailure()).rootCause()
                    .isInstanceOf(MissingSettingsException.class)
                    .hasMessageContaining("CosmosDBConnection__accountEndpoint (or CosmosDBConnection)")
                    .hasMessageContaining("CosmosDatabase")
                    .hasMessageContaining("ServiceBusConnection__fullyQualifiedNamespace (or ServiceBusConnection)")
                    .hasMessageContaining("FLIGHTS_IN_PROCESS=true");
        });
    }

    @Test
    void onlyTheSettingsThatAreMissingAreNamed() {
        runner.withPropertyValues("CosmosDBConnection__accountEndpoint=https://example.documents.azure.com:443/",
                "CosmosDatabase=flights").run(context -> {
                    assertThat(context.getStartupFailure()).rootCause()
                            .isInstanceOfSatisfying(MissingSettingsException.class, e -> assertThat(e.settings())
                                    .containsExactly("ServiceBusConnection__fullyQualifiedNamespace (or ServiceBusConnection)"));
                });
    }

    @Test
    void withTheInProcessSwitchTheAppRunsOnTheInProcessStoreAndTopic() {
        runner.withPropertyValues("FLIGHTS_IN_PROCESS=true").run(context -> {
            assertThat(context).hasNotFailed();
            assertThat(context.getBean(DocumentStore.class)).isInstanceOf(InMemoryDocumentStore.class);
            assertThat(context.getBean(EventPublisher.class)).isInstanceOf(InProcessTopic.class);
        });
    }

    @Test
    void springBootReportsTheRefusalAsWhatToSetInsteadOfAStackTrace() {
        runner.run(context -> {
            FailureAnalysis analysis = new MissingSettingsFailureAnalyzer().analyze(context.getStartupFailure());

            assertThat(analysis.getDescription()).startsWith("missing app settings: ");
            assertThat(analysis.getAction()).startsWith("Set CosmosDBConnection__accountEndpoint (or CosmosDBConnection),"
                    + " CosmosDatabase, ServiceBusConnection__fullyQualifiedNamespace (or ServiceBusConnection)");
        });
    }

    @Test
    void entraTokenModeWithoutTheTenantAndClientIdRefusesToStartNamingThem() {
        runner.withPropertyValues("FLIGHTS_IN_PROCESS=true", "FLIGHTS_AUTH=entra-token").run(context -> {
            assertThat(context).hasFailed();
            FailureAnalysis analysis = new MissingSettingsFailureAnalyzer().analyze(context.getStartupFailure());

            assertThat(analysis.getDescription()).startsWith("missing app settings: FLIGHTS_AUTH_ENTRA_TENANT_ID")
                    .contains("FLIGHTS_AUTH_ENTRA_CLIENT_ID");
            assertThat(analysis.getAction()).startsWith("Set FLIGHTS_AUTH_ENTRA_TENANT_ID")
                    .doesNotContain("FLIGHTS_IN_PROCESS");
        });
        runner.withPropertyValues("FLIGHTS_IN_PROCESS=true", "FLIGHTS_AUTH=entra-token",
                "FLIGHTS_AUTH_ENTRA_TENANT_ID=contoso.onmicrosoft.com",
                "FLIGHTS_AUTH_ENTRA_CLIENT_ID=6f1e3b2a-0000-4000-8000-000000000001")
                .run(context -> assertThat(context).hasNotFailed());
    }

    @Test
    void anyOtherValueOfTheSwitchIsNoSwitch() {
        runner.withPropertyValues("FLIGHTS_IN_PROCESS=yes").run(context -> assertThat(context).hasFailed());
    }

    @Test
    void aStoreAndTopicTheHostRegisteredNeedNoSettings() {
        runner.withBean(DocumentStore.class, InMemoryDocumentStore::new)
                .withBean(EventPublisher.class, InProcessTopic::fromContract)
                .run(context -> assertThat(context).hasNotFailed());
    }
}
