package dev.flights.localhost.infra;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * Holds infra/ to the code: each app's declaration in main.bicep (its start class, the containers it writes and
 * reads, the topic and subscription it uses), the app settings of modules/functionapp.bicep, the role modules'
 * scopes, the routes of Front Door, and that no key or secret appears anywhere. The data (containers, topology) is
 * {@link DataCrossCheck}'s. Returns every problem found, each naming the file and the fact.
 */
final class InfraCrossCheck {

    /** Settings the Functions platform reads, not the code. */
    static final Set<String> PLATFORM_SETTINGS = Set.of("AzureWebJobsStorage__accountName",
            "AzureWebJobsStorage__credential", "AzureWebJobsStorage__clientId", "APPLICATIONINSIGHTS_CONNECTION_STRING",
            "APPLICATIONINSIGHTS_AUTHENTICATION_STRING", "APPLICATIONINSIGHTS_ENABLE_AGENT",
            "languageWorkers__java__arguments");

    private static final BicepLiterals.Expression OWN_CLIENT_ID =
            new BicepLiterals.Expression("identity.properties.clientId");

    private final InfraFiles infra;
    private final List<CodeNeeds> apps;
    private final Set<String> optionalSettings;
    private final List<String> problems = new ArrayList<>();

    InfraCrossCheck(InfraFiles infra, List<CodeNeeds> apps, Set<String> optionalSettings) {
        this.infra = infra;
        this.apps = apps;
        this.optionalSettings = optionalSettings;
    }

    List<String> problems() {
        Map<String, Map<?, ?>> declared = declaredApps();
        if (!declared.keySet().equals(apps.stream().map(CodeNeeds::app).collect(Collectors.toSet()))) {
            problems.add("main.bicep: apps " + declared.keySet() + ", the code has "
                    + apps.stream().map(CodeNeeds::app).toList());
        }
        FrontDoorRoutes frontDoor = new FrontDoorRoutes(infra.text(InfraFiles.FRONT_DOOR));
        for (CodeNeeds app : apps) {
            Map<?, ?> bicep = declared.get(app.app());
            if (bicep != null) {
                checkApp(app, bicep);
            }
            for (CodeNeeds.Route route : app.routes()) {
                String path = route.path().replaceAll("\\{[^}]+}", "x1");
                for (String method : route.methods()) {
                    String reached = frontDoor.appFor(method, path).orElse("no app");
                    if (!reached.equals(app.app())) {
                        problems.add("modules/frontdoor.bicep: " + method + " " + path + " (" + route.function()
                                + " of " + app.app() + ") reaches " + reached);
                    }
                }
            }
        }
        checkSettings();
        checkRoleScopes();
        checkNoSecrets();
        problems.addAll(new DataCrossCheck(infra, apps).problems());
        return problems;
    }

    private Map<String, Map<?, ?>> declaredApps() {
        Map<String, Map<?, ?>> declared = new TreeMap<>();
        for (Object app : (List<?>) BicepLiterals.variable(infra.text(InfraFiles.MAIN), "apps")) {
            declared.put((String) ((Map<?, ?>) app).get("name"), (Map<?, ?>) app);
        }
        return declared;
    }

    private void checkApp(CodeNeeds app, Map<?, ?> bicep) {
        expect(app, "mainClass", bicep.get("mainClass"), app.mainClass());
        expect(app, "writes", new TreeSet<>((List<?>) bicep.get("writes")), app.writes());
        expect(app, "reads", new TreeSet<>((List<?>) bicep.get("reads")), app.reads());
        expect(app, "sendsToTopic", bicep.get("sendsToTopic"), app.sendsToTopic());
        expect(app, "receivesFrom", bicep.get("receivesFrom"), app.receivesFrom());
        expect(app, "customerFacing", bicep.get("customerFacing"), app.customerFacing());
        for (Object path : (List<?>) bicep.get("publicPaths")) {
            if (app.routes().stream().noneMatch(route -> route.path().equals(path) && !route.operator())) {
                problems.add("main.bicep: " + app.app() + " opens " + path
                        + " without sign-in, not a route of its own");
            }
        }
    }

    private void expect(CodeNeeds app, String property, Object declared, Object needed) {
        if (!needed.equals(declared)) {
            problems.add("main.bicep: " + app.app() + "." + property + " is " + declared + ", its code needs "
                    + needed);
        }
    }

    private void checkSettings() {
        Map<?, ?> values = (Map<?, ?>) BicepLiterals.variable(infra.text(InfraFiles.FUNCTION_APP), "appSettings");
        Set<String> set = values.keySet().stream().map(String.class::cast)
                .collect(Collectors.toCollection(TreeSet::new));
        for (String setting : set) {
            Object value = values.get(setting);
            boolean identityBased = setting.endsWith("__credential") ? "managedidentity".equals(value)
                    : !setting.endsWith("__clientId") || OWN_CLIENT_ID.equals(value);
            if (!identityBased) {
                problems.add("modules/functionapp.bicep: " + setting + " is " + value + ", not the app's own identity");
            }
        }
        Map<?, ?> webhook = (Map<?, ?>) BicepLiterals.variable(infra.text(InfraFiles.MAIN), "webhookSettings");
        for (Object setting : webhook.keySet()) {
            if (!optionalSettings.contains(setting)) {
                problems.add("main.bicep: webhook setting " + setting + " is read by no app");
            }
        }
        for (CodeNeeds app : apps) {
            for (String setting : app.settings()) {
                if (!set.contains(setting)) {
                    problems.add(InfraFiles.FUNCTION_APP + ": no app setting " + setting + ", which " + app.app()
                            + " reads");
                }
            }
        }
        for (String setting : set) {
            boolean known = PLATFORM_SETTINGS.contains(setting) || optionalSettings.contains(setting)
                    || apps.stream().anyMatch(app -> app.settings().contains(setting));
            if (!known) {
                problems.add(InfraFiles.FUNCTION_APP + ": app setting " + setting
                        + " is read by no app nor the platform");
            }
        }
    }

    private void checkRoleScopes() {
        String cosmos = infra.text("modules/cosmos-access.bicep");
        String serviceBus = infra.text("modules/servicebus-access.bicep");
        problems.addAll(infra.missing("modules/cosmos-access.bicep", "[for container in writes: {",
                "roleDefinitionId: '${account.id}/sqlRoleDefinitions/${dataContributor}'",
                "[for container in reads: {", "roleDefinitionId: '${account.id}/sqlRoleDefinitions/${dataReader}'",
                "scope: '${account.id}/dbs/${databaseName}/colls/${container}'",
                "var dataReader = '00000000-0000-0000-0000-000000000001'",
                "var dataContributor = '00000000-0000-0000-0000-000000000002'"));
        if (cosmos.split("scope: '\\$\\{account.id}/dbs/\\$\\{databaseName}/colls/\\$\\{container}'", -1).length != 3) {
            problems.add("modules/cosmos-access.bicep: every Cosmos DB role assignment must be scoped to one "
                    + "container");
        }
        problems.addAll(infra.missing("modules/servicebus-access.bicep", "scope: topic", "scope: subscription",
                "var dataSender = '69a216fc-b8fb-44d8-bc22-1f3c2cd27a39'",
                "var dataReceiver = '4f6d3b9b-027b-4f4c-9142-0e5a2a2247e0'"));
        problems.addAll(infra.missing(InfraFiles.FUNCTION_APP,
                "var storageBlobDataOwner = 'b7e6dc6d-f1e8-4753-8033-0f276bb0955b'", "scope: storage",
                "var monitoringMetricsPublisher = '3913510d-42f4-4e42-8a64-420c390055eb'", "scope: applicationInsights",
                "type: 'UserAssignedIdentity'", "ClientId=${identity.properties.clientId};Authorization=AAD"));
        if (serviceBus.contains("scope: namespace")) {
            problems.add("modules/servicebus-access.bicep: a role at namespace scope is more than any app needs");
        }
    }

    private void checkNoSecrets() {
        problems.addAll(new NoSecretsCheck(infra).problems());
    }
}
