package dev.flights.localhost.packaging;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.microsoft.azure.functions.annotation.CosmosDBTrigger;
import com.microsoft.azure.functions.annotation.ExponentialBackoffRetry;
import com.microsoft.azure.functions.annotation.HttpTrigger;
import com.microsoft.azure.functions.annotation.ServiceBusTopicTrigger;
import dev.flights.localhost.discovery.AppDiscovery;
import dev.flights.localhost.discovery.FunctionApp;
import dev.flights.localhost.discovery.FunctionDefinition;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.jar.JarFile;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * What {@code mvn package} left in every app's target/azure-functions/&lt;appName&gt;/ for Core Tools and for
 * deployment: one function.json per {@code @FunctionName} whose bindings are the annotations' (read through the
 * same {@link AppDiscovery} the local host runs), the repository's host.json, the app jar with its Start-Class and
 * lib/ with the Spring adapter and the logging backend (Logback, the one SLF4J provider). Runs after the five apps in the reactor; the functions/ folder comes from the
 * failsafe system property {@code flights.functionsDir} (else ../ from the working directory, the module's).
 */
class FunctionJsonIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path FUNCTIONS = functionsDir();
    private static final List<FunctionApp> APPS = new AppDiscovery("dev.flights").discover();

    @Test
    void everyAppIsPackagedWithOneFunctionJsonPerFunctionAndNoOther() throws IOException {
        assertThat(APPS).extracting(FunctionApp::name)
                .containsExactly("issue-ticket", "notify", "pay", "reservation-view", "reserve");
        for (FunctionApp app : APPS) {
            try (Stream<Path> entries = Files.list(staging(app))) {
                List<String> packaged = entries.filter(dir -> Files.isRegularFile(dir.resolve("function.json")))
                        .map(dir -> dir.getFileName().toString()).toList();
                assertThat(packaged).as("function.json folders of %s", app.name())
                        .containsExactlyInAnyOrderElementsOf(app.functions().stream().map(FunctionDefinition::name).toList());
            }
        }
    }

    @TestFactory
    Stream<DynamicTest> everyFunctionJsonHasTheBindingsOfItsAnnotations() {
        return APPS.stream().flatMap(app -> app.functions().stream().map(function -> DynamicTest.dynamicTest(
                app.name() + "/" + function.name(), () -> assertMatchesAnnotations(app, function))));
    }

    @TestFactory
    Stream<DynamicTest> everyAppFolderHasHostJsonTheAppJarAndItsLibraries() {
        return APPS.stream().map(app -> DynamicTest.dynamicTest(app.name(), () -> assertPackageLayout(app)));
    }

    @Test
    void spotChecksAgainstDesignLiterals() throws IOException {
        JsonNode reserve = functionJson("reserve", "reserve");
        assertThat(reserve.path("bindings").get(0).path("type").asText()).isEqualTo("httpTrigger");
        assertThat(reserve.path("bindings").get(0).path("route").asText()).isEqualTo("reservations");
        assertThat(texts(reserve.path("bindings").get(0).path("methods"))).containsExactly("POST");
        assertThat(reserve.path("entryPoint").asText())
                .isEqualTo("dev.flights.reserve.functions.ReservationFunctions.reserve");

        JsonNode deposit = functionJson("pay", "deposit");
        assertThat(deposit.path("bindings").get(0).path("route").asText()).isEqualTo("accounts/{userId}/deposits");

        JsonNode issue = functionJson("issue-ticket", "issueTicketOnSagaEvent").path("bindings").get(0);
        assertThat(issue.path("type").asText()).isEqualTo("serviceBusTrigger");
        assertThat(issue.path("topicName").asText()).isEqualTo("reservation-events");
        assertThat(issue.path("subscriptionName").asText()).isEqualTo("issue-ticket");
        assertThat(issue.path("isSessionsEnabled").asBoolean()).isTrue();
        assertThat(issue.path("connection").asText()).isEqualTo("ServiceBusConnection");

        JsonNode relay = functionJson("reserve", "relayReservationOutbox");
        JsonNode changeFeed = relay.path("bindings").get(0);
        assertThat(changeFeed.path("type").asText()).isEqualTo("cosmosDBTrigger");
        assertThat(changeFeed.path("databaseName").asText()).isEqualTo("%CosmosDatabase%");
        assertThat(changeFeed.path("containerName").asText()).isEqualTo("reservations");
        assertThat(changeFeed.path("leaseContainerName").asText()).isEqualTo("leases");
        assertThat(changeFeed.path("leaseContainerPrefix").asText()).isEqualTo("reserve-outbox-");
        assertThat(changeFeed.path("connection").asText()).isEqualTo("CosmosDBConnection");
        assertThat(relay.path("retry").path("strategy").asText()).isEqualTo("exponentialBackoff");
        assertThat(relay.path("retry").path("maxRetryCount").asInt()).isEqualTo(-1);
        // 5000 ms, the annotation's default and the extension's: the plugin leaves it out, and Azure polls at 5 s
        assertThat(changeFeed.has("feedPollDelay")).as("feedPollDelay written").isFalse();
        assertThat(changeFeed.path("maxItemsPerInvocation").asInt()).isEqualTo(50);
        assertThat(changeFeed.path("startFromBeginning").asBoolean()).isTrue();

        JsonNode resubmit = functionJson("pay", "resubmitPayDeadLetters").path("bindings").get(0);
        assertThat(resubmit.path("route").asText()).isEqualTo("ops/dead-letters/pay/resubmit");
        assertThat(resubmit.path("authLevel").asText()).isEqualTo("ANONYMOUS");
        assertThat(texts(resubmit.path("methods"))).containsExactly("POST");

        JsonNode view = functionJson("reservation-view", "projectReservationView").path("bindings").get(0);
        assertThat(view.path("leaseContainerPrefix").asText()).isEqualTo("reservation-view-");
        assertThat(view.path("maxItemsPerInvocation").asInt()).isEqualTo(25);
        assertThat(view.path("feedPollDelay").asInt()).isEqualTo(500);
        assertThat(view.path("startFromBeginning").asBoolean()).isTrue();
    }

    private static void assertMatchesAnnotations(FunctionApp app, FunctionDefinition function) throws IOException {
        JsonNode json = functionJson(app.name(), function.name());
        assertThat(json.path("entryPoint").asText())
                .isEqualTo(function.functionClass().getName() + "." + function.method().getName());
        assertThat(staging(app).resolve(function.name()).resolve(json.path("scriptFile").asText()).normalize())
                .as("scriptFile of %s", function.name()).isRegularFile();

        JsonNode bindings = json.path("bindings");
        JsonNode trigger = bindings.get(0);
        assertThat(trigger.path("direction").asText()).isEqualTo("in");

        if (function.trigger() instanceof HttpTrigger http) {
            assertThat(trigger.path("type").asText()).isEqualTo("httpTrigger");
            assertThat(trigger.path("name").asText()).isEqualTo(http.name());
            assertThat(trigger.path("route").asText()).isEqualTo(http.route());
            assertThat(texts(trigger.path("methods")))
                    .containsExactlyElementsOf(Arrays.stream(http.methods()).map(Enum::name).toList());
            // no function key anywhere: App Service Authentication signs callers in, the code checks who they are
            assertThat(trigger.path("authLevel").asText()).isEqualTo(http.authLevel().name())
                    .isEqualTo("ANONYMOUS");
            assertThat(bindings).hasSize(2);
            assertThat(bindings.get(1).path("type").asText()).isEqualTo("http");
            assertThat(bindings.get(1).path("direction").asText()).isEqualTo("out");
            assertThat(bindings.get(1).path("name").asText()).isEqualTo("$return");
            assertThat(json.has("retry")).as("HTTP functions have no retry policy").isFalse();
        } else if (function.trigger() instanceof ServiceBusTopicTrigger topic) {
            assertThat(bindings).hasSize(1);
            assertThat(trigger.path("type").asText()).isEqualTo("serviceBusTrigger");
            assertThat(trigger.path("name").asText()).isEqualTo(topic.name());
            assertThat(trigger.path("topicName").asText()).isEqualTo(topic.topicName()).isEqualTo("reservation-events");
            assertThat(trigger.path("subscriptionName").asText()).isEqualTo(topic.subscriptionName())
                    .isEqualTo(app.name());
            assertThat(trigger.path("connection").asText()).isEqualTo(topic.connection())
                    .isEqualTo("ServiceBusConnection");
            assertThat(trigger.path("isSessionsEnabled").isBoolean()).isTrue();
            assertThat(trigger.path("isSessionsEnabled").asBoolean()).isEqualTo(topic.isSessionsEnabled()).isTrue();
        } else if (function.trigger() instanceof CosmosDBTrigger changeFeed) {
            assertThat(bindings).hasSize(1);
            assertThat(trigger.path("type").asText()).isEqualTo("cosmosDBTrigger");
            assertThat(trigger.path("name").asText()).isEqualTo(changeFeed.name());
            assertThat(trigger.path("databaseName").asText()).isEqualTo(changeFeed.databaseName())
                    .isEqualTo("%CosmosDatabase%");
            assertThat(trigger.path("containerName").asText()).isEqualTo(changeFeed.containerName()).isNotBlank();
            assertThat(trigger.path("leaseContainerName").asText()).isEqualTo(changeFeed.leaseContainerName())
                    .isEqualTo("leases");
            assertThat(trigger.path("leaseContainerPrefix").asText()).isEqualTo(changeFeed.leaseContainerPrefix())
                    .startsWith(app.name() + "-");
            assertThat(trigger.path("connection").asText()).isEqualTo(changeFeed.connection())
                    .isEqualTo("CosmosDBConnection");

            ExponentialBackoffRetry retry = function.method().getAnnotation(ExponentialBackoffRetry.class);
            assertThat(retry).as("%s retries its change feed", function.name()).isNotNull();
            JsonNode policy = json.path("retry");
            assertThat(policy.path("strategy").asText()).isEqualTo("exponentialBackoff");
            assertThat(policy.path("maxRetryCount").asInt()).isEqualTo(retry.maxRetryCount()).isEqualTo(-1);
            assertThat(policy.path("minimumInterval").asText()).isEqualTo(retry.minimumInterval());
            assertThat(policy.path("maximumInterval").asText()).isEqualTo(retry.maximumInterval());
        } else {
            throw new AssertionError("unexpected trigger " + function.trigger());
        }
    }

    private static void assertPackageLayout(FunctionApp app) throws IOException {
        Path staging = staging(app);
        assertThat(staging.resolve("host.json")).hasSameTextualContentAs(FUNCTIONS.resolve("../host.json"));
        // the class-data archive the package step's training run wrote (infra/ points the worker's JVM at it)
        assertThat(staging.resolve("app-cds.jsa")).as("the class-data archive of %s", app.name()).isRegularFile()
                .isNotEmptyFile();

        Path jar;
        try (Stream<Path> jars = Files.list(staging)) {
            List<Path> found = jars.filter(p -> p.getFileName().toString().endsWith(".jar")).toList();
            assertThat(found).as("the app jar of %s", app.name()).hasSize(1);
            jar = found.get(0);
        }
        assertThat(jar.getFileName().toString()).startsWith(app.name() + "-");
        try (JarFile file = new JarFile(jar.toFile())) {
            assertThat(file.getManifest().getMainAttributes().getValue("Start-Class"))
                    .isEqualTo(app.startClass().getName());
            assertThat(file.getEntry(app.startClass().getName().replace('.', '/') + ".class")).isNotNull();
        }

        List<String> libraries = new ArrayList<>();
        try (Stream<Path> lib = Files.list(staging.resolve("lib"))) {
            lib.forEach(p -> libraries.add(p.getFileName().toString()));
        }
        assertThat(libraries).anyMatch(name -> name.startsWith("spring-cloud-function-adapter-azure-"))
                .anyMatch(name -> name.startsWith("platform-0"))
                .anyMatch(name -> name.startsWith("platform-cosmos-"))
                .anyMatch(name -> name.startsWith("platform-servicebus-"))
                .anyMatch(name -> name.startsWith("contract-"))
                .anyMatch(name -> name.startsWith("logback-classic-"))
                .anyMatch(name -> name.startsWith("logback-core-"))
                // FLIGHTS_AUTH=entra-token validates tokens with it
                .anyMatch(name -> name.startsWith("nimbus-jose-jwt-"))
                .noneMatch(name -> name.startsWith("junit") || name.startsWith("assertj")
                        || name.startsWith("slf4j-simple") || name.endsWith("-tests.jar"))
                // a JUL-to-SLF4J bridge would route the worker's own java.util.logging into the app's logging
                .noneMatch(name -> name.startsWith("jul-to-slf4j"));
        assertThat(libraries.stream().filter(name -> name.startsWith("logback-classic-")
                || name.startsWith("slf4j-simple") || name.startsWith("slf4j-nop") || name.startsWith("slf4j-jdk14")))
                .as("one SLF4J provider in %s", app.name()).hasSize(1);
        assertThat(libraries.stream().filter(name -> name.startsWith("nimbus-jose-jwt-")))
                .as("one version of the token library in %s", app.name()).hasSize(1);
    }

    private static JsonNode functionJson(String app, String function) throws IOException {
        return JSON.readTree(staging(app).resolve(function).resolve("function.json").toFile());
    }

    private static Path staging(FunctionApp app) {
        return staging(app.name());
    }

    /** functions/&lt;app&gt;/target/azure-functions/flights-&lt;app&gt; (each app pom's functions.appName). */
    private static Path staging(String app) {
        Path staging = FUNCTIONS.resolve(app).resolve("target/azure-functions").resolve("flights-" + app);
        assertThat(staging).as("the package of %s: run mvn package first", app).isDirectory();
        return staging;
    }

    private static List<String> texts(JsonNode array) {
        List<String> texts = new ArrayList<>();
        array.forEach(node -> texts.add(node.asText()));
        return texts;
    }

    private static Path functionsDir() {
        String configured = System.getProperty("flights.functionsDir");
        Path dir = configured != null ? Path.of(configured) : Path.of("..");
        return dir.toAbsolutePath().normalize();
    }
}
