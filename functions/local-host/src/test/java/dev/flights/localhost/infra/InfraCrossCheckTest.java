package dev.flights.localhost.infra;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flights.contract.topology.Subscriptions;
import dev.flights.localhost.discovery.AppDiscovery;
import java.nio.file.Files;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * infra/ against the code: the Bicep as committed passes, and each kind of drift the cross-check exists for (a
 * removed subscription, a wrong partition key, a missing setting or role, a secret, a lost routing rule) makes it
 * fail, fed a copy of the files with that one change.
 */
class InfraCrossCheckTest {

    private static List<CodeNeeds> apps;
    private static Set<String> optionalSettings;

    @BeforeAll
    static void readTheCode() throws Exception {
        apps = new AppDiscovery("dev.flights").discover().stream()
                .map(app -> CodeNeeds.of(app, AppSources.of(app.name()).containers())).toList();
        optionalSettings = ConfigurationSettings.in("dev.flights");
        if (Boolean.getBoolean("infra.regenerate")) {
            Files.writeString(InfraFiles.DIRECTORY.resolve(InfraFiles.TOPOLOGY),
                    TopologyFile.render(Subscriptions.load()));
        }
    }

    private static List<String> problemsOf(InfraFiles infra) {
        return new InfraCrossCheck(infra, apps, optionalSettings).problems();
    }

    @Test
    void theBicepDeclaresEverythingTheCodeNeedsAndNothingElse() {
        assertThat(apps).extracting(CodeNeeds::app)
                .containsExactly("issue-ticket", "notify", "pay", "reservation-view", "reserve");

        assertThat(problemsOf(InfraFiles.ofRepository())).isEmpty();
    }

    @Test
    void theCodeNeedsReadFromTheAnnotationsAreTheOnesTheReadmeLists() {
        CodeNeeds view = apps.stream().filter(app -> app.app().equals("reservation-view")).findFirst().orElseThrow();

        assertThat(view.writes()).containsExactly("leases", "reservation-view");
        assertThat(view.reads()).containsExactly("reservations");
        assertThat(view.sendsToTopic()).isFalse();
        assertThat(view.settings()).contains("CosmosDatabase", "CosmosDBConnection__accountEndpoint",
                "ServiceBusConnection__fullyQualifiedNamespace", "MAIN_CLASS");
        assertThat(optionalSettings).contains("OUTBOX_TTL", "MESSAGE_RETRY_MAX_DELAY", "PAYMENT_CIRCUIT_OPEN_DURATION");
    }

    @Test
    void aSubscriptionMissingFromTheTopologyFileFailsTheCheck() {
        InfraFiles broken = InfraFiles.ofRepository().with(InfraFiles.TOPOLOGY,
                text -> text.replaceFirst("(?s),\\s*\\{\\s*\"name\": \"notify\".*?}", ""));

        assertThat(problemsOf(broken)).contains("generated/topology.json is not what the contract's Subscriptions "
                + "generates: run InfraCrossCheckTest with -Dinfra.regenerate=true and commit the file");
    }

    @Test
    void aWrongPartitionKeyFailsTheCheck() {
        InfraFiles broken = InfraFiles.ofRepository().with(InfraFiles.COSMOS,
                text -> text.replace("name: 'notifications'\n    partitionKey: '/userId'",
                        "name: 'notifications'\n    partitionKey: '/id'"));

        assertThat(problemsOf(broken))
                .contains("modules/cosmos.bicep: container notifications is partitioned by /id, the code by /userId");
    }

    @Test
    void aMissingAppSettingFailsTheCheck() {
        InfraFiles broken = InfraFiles.ofRepository().with(InfraFiles.FUNCTION_APP,
                text -> text.replace("  MAIN_CLASS: mainClass\n", ""));

        assertThat(problemsOf(broken))
                .contains("modules/functionapp.bicep: no app setting MAIN_CLASS, which reserve reads");
    }

    @Test
    void aMissingRoleOnTheLeasesFailsTheCheck() {
        InfraFiles broken = InfraFiles.ofRepository().with(InfraFiles.MAIN,
                text -> text.replace("writes: ['reservations', 'leases']", "writes: ['reservations']"));

        assertThat(problemsOf(broken))
                .contains("main.bicep: reserve.writes is [reservations], its code needs [leases, reservations]");
    }

    @Test
    void aKeyReadInTheBicepFailsTheCheck() {
        InfraFiles broken = InfraFiles.ofRepository().with("modules/cosmos.bicep",
                text -> text + "output accountKey string = account.listKeys().primaryMasterKey\n");

        assertThat(problemsOf(broken)).anyMatch(problem -> problem.contains("listKeys(") && problem.contains("secret"))
                .anyMatch(problem -> problem.contains("output accountKey may carry a secret"));
    }

    @Test
    void aWebhookSecretWrittenIntoTheSettingsInsteadOfAKeyVaultReferenceFailsTheCheck() {
        InfraFiles broken = InfraFiles.ofRepository().with(InfraFiles.MAIN, text -> text.replace(
                "'@Microsoft.KeyVault(VaultName=${keyVaultName};SecretName=notify-webhook-secret)'",
                "'hunter2'"));

        assertThat(problemsOf(broken))
                .contains("main.bicep: app setting NOTIFY_WEBHOOK_SECRET looks like a key or secret");
    }

    @Test
    void losingTheRuleThatRoutesPostToReserveFailsTheCheck() {
        InfraFiles broken = InfraFiles.ofRepository().with(InfraFiles.FRONT_DOOR,
                text -> text.replace("matchValues: ['POST']", "matchValues: ['PUT']"));

        assertThat(problemsOf(broken)).contains(
                "modules/frontdoor.bicep: POST /api/reservations (reserve of reserve) reaches reservation-view");
    }

    @Test
    void aListWithoutItsCompositeIndexFailsTheCheck() {
        InfraFiles broken = InfraFiles.ofRepository().with(InfraFiles.COSMOS,
                text -> text.replace("{ path: '/createdAt', order: 'descending' }",
                        "{ path: '/createdAt', order: 'ascending' }"));

        assertThat(problemsOf(broken)).anyMatch(problem -> problem.startsWith(
                "modules/cosmos.bicep: container reservation-view needs the composite index"));
    }

    @Test
    void subscriptionsWithoutSessionsFailTheCheck() {
        InfraFiles broken = InfraFiles.ofRepository().with(InfraFiles.SERVICE_BUS,
                text -> text.replace("requiresSession: true", "requiresSession: false"));

        assertThat(problemsOf(broken)).contains("modules/servicebus.bicep: missing requiresSession: true");
    }
}
