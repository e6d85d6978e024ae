package dev.flights.localhost.packaging;

import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.azure.functions.ExecutionContext;
import dev.flights.localhost.discovery.AppDiscovery;
import dev.flights.localhost.discovery.FunctionApp;
import java.io.File;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Each packaged app (target/azure-functions/flights-&lt;app&gt;: the app jar and lib/) started in a fresh JVM the way
 * the Java worker starts it, through the Spring adapter with MAIN_CLASS and nothing else in the environment: it
 * refuses to start and names the missing settings. With {@code FLIGHTS_IN_PROCESS=true} the packaged reserve app
 * starts and hands its own log lines, with the correlation id, to the invocation's logger. Started as infra/ starts
 * the worker, on the context Spring AOT generated at package time ({@code -Dspring.aot.enabled=true}): every app
 * starts with the Cosmos DB and Service Bus settings, refuses without them naming them as before, refuses the
 * in-process switch, and notify's webhook follows the settings it starts with, not those it was processed with.
 */
class PackagedAppIT {

    private static final Path FUNCTIONS = Path.of(System.getProperty("flights.functionsDir", ".."))
            .toAbsolutePath().normalize();
    private static final List<FunctionApp> APPS = new AppDiscovery("dev.flights").discover();

    @TestFactory
    Stream<DynamicTest> everyPackagedAppStartedWithoutSettingsRefusesToStartNamingThem() {
        return APPS.stream().map(app -> DynamicTest.dynamicTest(app.name(), () -> {
            Run run = launch(app, Map.of(), app.functions().get(0).functionClass().getName());

            assertThat(run.exitCode()).as(run.output()).isEqualTo(3);
            assertThat(run.lines("REFUSED ")).as(run.output()).anySatisfy(message -> assertThat(message)
                    .contains("CosmosDBConnection__accountEndpoint (or CosmosDBConnection)", "CosmosDatabase",
                            "ServiceBusConnection__fullyQualifiedNamespace (or ServiceBusConnection)",
                            "FLIGHTS_IN_PROCESS=true"));
        }));
    }

    @TestFactory
    Stream<DynamicTest> everyPackagedAppStartsOnItsAheadOfTimeContextWithTheAdaptersSettings() {
        return APPS.stream().map(app -> DynamicTest.dynamicTest(app.name(), () -> {
            Run run = launchAheadOfTime(app, ADAPTERS, app.functions().get(0).functionClass().getName());

            assertThat(run.exitCode()).as(run.output()).isZero();
            assertThat(run.lines("STARTED ")).as(run.output()).hasSize(1);
        }));
    }

    @TestFactory
    Stream<DynamicTest> everyPackagedAppOnItsAheadOfTimeContextWithoutSettingsRefusesToStartNamingThem() {
        return APPS.stream().map(app -> DynamicTest.dynamicTest(app.name(), () -> {
            Run run = launchAheadOfTime(app, Map.of(), app.functions().get(0).functionClass().getName());

            assertThat(run.exitCode()).as(run.output()).isEqualTo(3);
            assertThat(run.lines("REFUSED ")).as(run.output()).anySatisfy(message -> assertThat(message)
                    .contains("CosmosDBConnection__accountEndpoint (or CosmosDBConnection)", "CosmosDatabase",
                            "ServiceBusConnection__fullyQualifiedNamespace (or ServiceBusConnection)"));
        }));
    }

    @Test
    void thePackagedAppOnItsAheadOfTimeContextRefusesTheInProcessStoreAndTopic() throws Exception {
        FunctionApp reserve = APPS.stream().filter(app -> app.name().equals("reserve")).findFirst().orElseThrow();

        Run run = launchAheadOfTime(reserve, Map.of("FLIGHTS_IN_PROCESS", "true"),
                "dev.flights.reserve.functions.ReservationFunctions");

        assertThat(run.exitCode()).as(run.output()).isEqualTo(3);
        assertThat(run.lines("REFUSED ")).as(run.output()).anySatisfy(message -> assertThat(message)
                .contains("FLIGHTS_IN_PROCESS=true", "spring.aot.enabled"));
    }

    @Test
    void notifyOnItsAheadOfTimeContextSendsToTheWebhookItStartsWithThoughProcessedWithout() throws Exception {
        FunctionApp notify = APPS.stream().filter(app -> app.name().equals("notify")).findFirst().orElseThrow();
        Map<String, String> withWebhook = new HashMap<>(ADAPTERS);
        withWebhook.put("NOTIFY_WEBHOOK_URL", "http://127.0.0.1:9/hooks/flights");
        // the launcher's class path carries this module's logback-test.xml: its lines go to the file named here
        Path withLog = Files.createTempFile("notify-aot-webhook", ".log");
        Path withoutLog = Files.createTempFile("notify-aot-no-webhook", ".log");

        Run with = launch(notify, List.of("-Dspring.aot.enabled=true", "-Dflights.testLog=" + withLog), withWebhook,
                "dev.flights.notify.functions.NotificationFunctions");
        Run without = launch(notify, List.of("-Dspring.aot.enabled=true", "-Dflights.testLog=" + withoutLog),
                ADAPTERS, "dev.flights.notify.functions.NotificationFunctions");

        assertThat(with.lines("STARTED ")).as(with.output()).hasSize(1);
        assertThat(Files.readString(withLog)).contains("notifications go to the webhook at http://127.0.0.1");
        assertThat(without.lines("STARTED ")).as(without.output()).hasSize(1);
        assertThat(Files.readString(withoutLog)).contains("Started")
                .doesNotContain("notifications go to the webhook");
    }

    @Test
    void thePackagedAppHandsItsOwnLogLinesWithTheCorrelationIdToTheInvocationsLogger() throws Exception {
        FunctionApp reserve = APPS.stream().filter(app -> app.name().equals("reserve")).findFirst().orElseThrow();

        // the per-event lines are DEBUG (Application Insights would take one a step); an app setting turns them on
        Run run = launch(reserve, Map.of("FLIGHTS_IN_PROCESS", "true", "LOGGING_LEVEL_DEV_FLIGHTS", "DEBUG"),
                "dev.flights.reserve.functions.ReservationFunctions", "reserve", "corr-packaged");

        assertThat(run.exitCode()).as(run.output()).isZero();
        assertThat(run.lines("STATUS ")).containsExactly("202");
        assertThat(run.lines("RECORD ")).as(run.output()).anySatisfy(line -> assertThat(line)
                .startsWith("FINE [corr-packaged] ReserveSeat: reservation ").endsWith(" requested by ew on KE123"));
    }

    @TestFactory
    Stream<DynamicTest> noPackagedAppCarriesTheLocalHostAndItsDevSignIn() {
        return APPS.stream().map(app -> DynamicTest.dynamicTest(app.name(), () -> {
            List<String> localHostClasses = new ArrayList<>();
            for (String jar : packagedJars(app)) {
                try (JarFile file = new JarFile(jar)) {
                    file.stream().map(JarEntry::getName).filter(name -> name.startsWith("dev/flights/localhost/"))
                            .forEach(name -> localHostClasses.add(jar + "!" + name));
                }
            }

            assertThat(packagedJars(app))
                    .noneMatch(jar -> Path.of(jar).getFileName().toString().startsWith("local-host"));
            assertThat(localHostClasses).as("the local host's classes, /.auth/login/dev among them").isEmpty();
        }));
    }

    @TestFactory
    Stream<DynamicTest> everyPackagedJarIsUnsignedAndHoldsWhatThePublishedJarHolds() {
        // the published jars: this test's own class path, where the Azure SDK's come signed from Maven Central
        Map<String, String> published = new HashMap<>();
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            published.putIfAbsent(Path.of(entry).getFileName().toString(), entry);
        }
        return APPS.stream().map(app -> DynamicTest.dynamicTest(app.name(), () -> {
            int signedWhenPublished = 0;
            for (String jar : packagedJars(app)) {
                List<String> packaged = entries(jar);
                assertThat(packaged).as("signature files in %s", jar).noneMatch(PackagedAppIT::isSignatureFile);
                String original = published.get(Path.of(jar).getFileName().toString());
                if (original != null && entries(original).stream().anyMatch(PackagedAppIT::isSignatureFile)) {
                    signedWhenPublished++;
                    assertThat(packaged).as("%s beside %s", jar, original).containsExactlyElementsOf(
                            entries(original).stream().filter(name -> !isSignatureFile(name)).toList());
                }
            }
            assertThat(signedWhenPublished).as("jars signed as published (the Azure SDK's)").isPositive();
        }));
    }

    private static List<String> entries(String jar) throws IOException {
        try (JarFile file = new JarFile(jar, false)) {
            return file.stream().map(JarEntry::getName).toList();
        }
    }

    private static boolean isSignatureFile(String name) {
        return name.toUpperCase(Locale.ROOT).matches("META-INF/[^/]+\\.(SF|RSA|DSA|EC)");
    }

    /**
     * The settings infra/ gives an app, identity-based, on endpoints of this machine that nothing answers: the
     * clients are built lazily, so starting connects nowhere.
     */
    private static final Map<String, String> ADAPTERS = Map.of("CosmosDatabase", "flights",
            "CosmosDBConnection__accountEndpoint", "https://127.0.0.1:9/",
            "CosmosDBConnection__credential", "managedidentity",
            "ServiceBusConnection__fullyQualifiedNamespace", "127.0.0.1",
            "ServiceBusConnection__credential", "managedidentity");

    private static Run launch(FunctionApp app, Map<String, String> settings, String... arguments)
            throws IOException, InterruptedException, URISyntaxException {
        return launch(app, List.of(), settings, arguments);
    }

    /** Started as infra/ starts the worker's JVM: on the context the package's ahead-of-time processing made. */
    private static Run launchAheadOfTime(FunctionApp app, Map<String, String> settings, String... arguments)
            throws IOException, InterruptedException, URISyntaxException {
        return launch(app, List.of("-Dspring.aot.enabled=true"), settings, arguments);
    }

    private static Run launch(FunctionApp app, List<String> jvmOptions, Map<String, String> settings,
            String... arguments) throws IOException, InterruptedException, URISyntaxException {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        command.addAll(jvmOptions);
        command.addAll(List.of("-cp", classPath(app), PackagedAppLauncher.class.getName()));
        command.addAll(List.of(arguments));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().clear();
        builder.environment().put("MAIN_CLASS", app.startClass().getName());
        builder.environment().putAll(settings);
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return new Run(process.exitValue(), output);
    }

    /** The app jar and lib/, as the worker loads them, plus the library the worker provides and the launcher. */
    private static String classPath(FunctionApp app) throws IOException, URISyntaxException {
        List<String> entries = new ArrayList<>(packagedJars(app));
        // azure-functions-java-core-library (ExecutionContext, HttpRequestMessage...): the worker provides it, not lib/
        entries.add(location(ExecutionContext.class));
        entries.add(location(PackagedAppLauncher.class));
        return String.join(File.pathSeparator, entries);
    }

    /** The app jar and lib/ of the package the Azure plugin staged. */
    private static List<String> packagedJars(FunctionApp app) throws IOException {
        Path staging = FUNCTIONS.resolve(app.name()).resolve("target/azure-functions").resolve("flights-" + app.name());
        assertThat(staging).as("the package of %s: run mvn package first", app.name()).isDirectory();
        List<String> entries = new ArrayList<>();
        try (Stream<Path> jars = Stream.concat(Files.list(staging), Files.list(staging.resolve("lib")))) {
            jars.filter(p -> p.toString().endsWith(".jar")).forEach(p -> entries.add(p.toString()));
        }
        return entries;
    }

    private static String location(Class<?> type) throws URISyntaxException {
        return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
    }

    private record Run(int exitCode, String output) {

        List<String> lines(String prefix) {
            return output.lines().filter(line -> line.startsWith(prefix))
                    .map(line -> line.substring(prefix.length())).toList();
        }
    }
}
