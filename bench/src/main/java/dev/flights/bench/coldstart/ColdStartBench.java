package dev.flights.bench.coldstart;

import com.microsoft.azure.functions.ExecutionContext;
import dev.flights.bench.BenchContext;
import dev.flights.bench.BenchPart;
import dev.flights.bench.ChildJvm;
import dev.flights.bench.Figure;
import dev.flights.bench.coldstart.minimal.HelloApplication;
import dev.flights.bench.coldstart.minimal.HelloFunctions;
import dev.flights.platform.auth.ClientPrincipal;
import dev.flights.platform.auth.PrincipalHeaders;
import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Cold start per app: a fresh JVM on the packaged app's class path (its jar and lib/, as azure-functions-maven-plugin
 * staged them, plus the core library the worker provides) gets a function instance through the Spring adapter's
 * injector, as the Java worker does, and invokes one HTTP function once; the figure is the wall time from starting
 * the process to the answer, the median of several runs. Beside it, in the same run and interleaved with it: a
 * minimal Spring Cloud Function app (one function bean, {@link HelloApplication}) on the adapter's own class path, and
 * a bare JVM whose main returns.
 *
 * <p>The apps run with the real Cosmos DB and Service Bus adapters configured, identity-based as infra/ sets them,
 * pointing at local endpoints nothing listens on: the clients are built lazily, so starting connects nowhere. The
 * invoked function answers without the network: the operator's dead-letter listing with an invalid {@code max} (a
 * 400 naming the field, after the admin check) and, for reservation-view, the page (a 200). Each app runs with no JVM
 * options and with the options infra/ ships ({@link #SHIPPED}: the class-data archive the build made, C1 only); each
 * technique is also measured on reserve ({@link #TECHNIQUES}), beside reserve without it, to show its share.
 */
public final class ColdStartBench implements BenchPart {

    /** The goal: each app's median at most this, with the shipped options. */
    static final double GOAL_MS = 600;
    static final String ARCHIVE = "app-cds.jsa";

    /**
     * The JVM options infra/ sets (languageWorkers__java__arguments) and local.settings.json.example shows, {@code
     * %ARCHIVE%} standing for the package's archive; a test holds those files to this list.
     */
    public static final List<String> SHIPPED = List.of("-XX:SharedArchiveFile=%ARCHIVE%", "-Xshare:auto",
            "-XX:TieredStopAtLevel=1", "-Dspring.aot.enabled=true");

    private static final String UNUSED_AUTO_CONFIGURATIONS = String.join(",",
            "org.springframework.boot.autoconfigure.aop.AopAutoConfiguration",
            "org.springframework.boot.autoconfigure.availability.ApplicationAvailabilityAutoConfiguration",
            "org.springframework.boot.autoconfigure.context.LifecycleAutoConfiguration",
            "org.springframework.boot.autoconfigure.netty.NettyAutoConfiguration",
            "org.springframework.boot.autoconfigure.reactor.ReactorAutoConfiguration",
            "org.springframework.boot.autoconfigure.sql.init.SqlInitializationAutoConfiguration",
            "org.springframework.boot.autoconfigure.ssl.SslAutoConfiguration",
            "org.springframework.boot.autoconfigure.task.TaskExecutionAutoConfiguration",
            "org.springframework.boot.autoconfigure.task.TaskSchedulingAutoConfiguration",
            "org.springframework.boot.autoconfigure.cache.CacheAutoConfiguration",
            "org.springframework.cloud.function.cloudevent.CloudEventsFunctionExtensionConfiguration");

    /**
     * Each technique measured on reserve: its JVM options and the subject it is held beside (no options, or the
     * shipped ones when it is tried on top of them). Those that do not help are measured all the same, to show it.
     */
    record Technique(String name, List<String> options, boolean onTopOfShipped) {
    }

    static final List<Technique> TECHNIQUES = List.of(
            new Technique("the package's AppCDS archive alone", List.of("-XX:SharedArchiveFile=%ARCHIVE%",
                    "-Xshare:auto"), false),
            new Technique("C1 only (-XX:TieredStopAtLevel=1) alone", List.of("-XX:TieredStopAtLevel=1"), false),
            new Technique("the serial GC on top of the shipped options", List.of("-XX:+UseSerialGC"), true),
            new Technique("lazy bean initialization on top of the shipped options",
                    List.of("-Dspring.main.lazy-initialization=true"), true),
            new Technique("unused auto-configurations excluded, on top of the shipped options",
                    List.of("-Dspring.autoconfigure.exclude=" + UNUSED_AUTO_CONFIGURATIONS), true));

    /** The apps: the function class and method invoked, its route, its query, the status it answers. */
    record App(String name, String startClass, String functionClass, String method, String route,
            Map<String, String> query, int expectedStatus) {

        static App deadLetters(String name, String startClass, String functionsPackage) {
            return new App(name, startClass, functionsPackage + ".DeadLetterFunctions", "list",
                    "/api/ops/dead-letters/" + name, Map.of("max", "0"), 400);
        }
    }

    static final List<App> APPS = List.of(
            App.deadLetters("reserve", "dev.flights.reserve.ReserveApplication", "dev.flights.reserve.functions"),
            App.deadLetters("pay", "dev.flights.pay.PayApplication", "dev.flights.pay.functions"),
            App.deadLetters("issue-ticket", "dev.flights.ticket.IssueTicketApplication",
                    "dev.flights.ticket.functions"),
            App.deadLetters("notify", "dev.flights.notify.NotifyApplication", "dev.flights.notify.functions"),
            new App("reservation-view", "dev.flights.view.ReservationViewApplication",
                    "dev.flights.view.functions.ReservationPageFunctions", "page", "/api/page", Map.of(), 200));

    /** The adapter's own dependencies (spring-cloud-function-adapter-azure's closure): the minimal app's lib/. */
    private static final List<String> MINIMAL_LIB_PREFIXES = List.of("spring-", "jackson-", "joda-time-",
            "slf4j-api-", "logback-", "snakeyaml-", "jakarta.annotation-api-", "reactor-core-", "reactive-streams-",
            "micrometer-commons-", "micrometer-observation-", "azure-functions-java-library-",
            "azure-functions-java-spi-");

    private final Path functionsDir;

    public ColdStartBench() {
        this(Path.of(System.getProperty("flights.functionsDir", "../functions")));
    }

    ColdStartBench(Path functionsDir) {
        this.functionsDir = functionsDir.toAbsolutePath().normalize();
    }

    @Override
    public String name() {
        return "cold-start";
    }

    @Override
    public List<Figure> run(BenchContext context) throws Exception {
        int rounds = context.smoke() ? 1 : Integer.getInteger("bench.coldStart.rounds", 7);
        Path logs = context.dir("cold-start");
        List<Subject> subjects = new ArrayList<>();
        Subject bare = new Subject("bare JVM", "", BareJvm.class.getName(), List.of(), Map.of(), List.of(), 200);
        Subject minimal = minimal();
        subjects.add(bare);
        subjects.add(minimal);
        Map<String, Subject> before = new LinkedHashMap<>();
        Map<String, Subject> shipped = new LinkedHashMap<>();
        for (App app : APPS) {
            before.put(app.name(), appSubject(app, app.name() + ", no JVM options", List.of()));
            shipped.put(app.name(), appSubject(app, app.name() + ", shipped options", SHIPPED));
        }
        subjects.addAll(before.values());
        subjects.addAll(shipped.values());
        Map<Technique, Subject> techniques = new LinkedHashMap<>();
        if (!context.smoke()) {
            App reserve = APPS.get(0);
            for (Technique technique : TECHNIQUES) {
                List<String> options = new ArrayList<>(technique.onTopOfShipped() ? SHIPPED : List.of());
                options.addAll(technique.options());
                techniques.put(technique, appSubject(reserve, "reserve, " + technique.name(), options));
            }
            subjects.addAll(techniques.values());
        }

        // interleaved: every subject once per round, so that the load of the machine falls on all of them alike
        Map<Subject, List<Double>> times = new LinkedHashMap<>();
        for (int round = 1; round <= rounds; round++) {
            for (Subject subject : subjects) {
                double ms = subject.coldStart(logs.resolve(subject.fileName() + "-" + round + ".log"));
                times.computeIfAbsent(subject, s -> new ArrayList<>()).add(ms);
            }
            context.progress("round %d of %d: %s", round, rounds, summary(times, round));
        }

        double minimalMs = median(times.get(minimal));
        List<Figure> figures = new ArrayList<>();
        double slowest = 0;
        for (App app : APPS) {
            double ms = median(times.get(shipped.get(app.name())));
            slowest = Math.max(slowest, ms);
            figures.add(Figure.atMost(name(), app.name() + ": fresh JVM to first answer, shipped options, median of "
                    + rounds, ms, "ms", "minimal SCF app", minimalMs, GOAL_MS));
        }
        for (App app : APPS) {
            figures.add(Figure.shown(name(), app.name() + ": the same with no JVM options, median of " + rounds,
                    median(times.get(before.get(app.name()))), "ms", "minimal SCF app", minimalMs));
        }
        figures.add(Figure.atLeast(name(), "minimal SCF app's time ÷ the slowest app's (shipped options)",
                minimalMs / slowest, "×", "one app equal to it", 1, 3));
        figures.add(Figure.shown(name(), "bare JVM (a main that returns), median of " + rounds,
                median(times.get(bare)), "ms", "minimal SCF app", minimalMs));
        double reserveBefore = median(times.get(before.get("reserve")));
        double reserveShipped = median(times.get(shipped.get("reserve")));
        techniques.forEach((technique, subject) -> figures.add(Figure.shown(name(), "reserve with "
                + technique.name() + ", median of " + rounds, median(times.get(subject)), "ms",
                technique.onTopOfShipped() ? "reserve, shipped options" : "reserve, no JVM options",
                technique.onTopOfShipped() ? reserveShipped : reserveBefore)));
        return figures;
    }

    private static String summary(Map<Subject, List<Double>> times, int round) {
        StringBuilder line = new StringBuilder();
        times.forEach((subject, list) -> line.append(subject.name()).append(' ')
                .append(Math.round(list.get(round - 1))).append("; "));
        return line.toString();
    }

    static double median(List<Double> values) {
        double[] sorted = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        int middle = sorted.length / 2;
        return sorted.length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    }

    private Subject appSubject(App app, String name, List<String> options) throws IOException, URISyntaxException {
        Path staging = staging(app.name());
        Path archive = staging.resolve(ARCHIVE);
        List<String> jvmArgs = new ArrayList<>();
        for (String option : options) {
            if (option.contains("%ARCHIVE%") && !Files.isRegularFile(archive)) {
                throw new IllegalStateException("no class-data archive " + archive + ": package the app first (mvn"
                        + " package makes it)");
            }
            jvmArgs.add(option.replace("%ARCHIVE%", archive.toString()));
        }
        // the class path the archive was made with comes first, in the same words (the JVM checks it is a prefix)
        String classPath = String.join(File.pathSeparator, staging.resolve(app.name() + "-" + version() + ".jar")
                .toString(), staging.resolve("lib") + File.separator + "*", location(ExecutionContext.class),
                location(ColdStartLauncher.class));
        List<String> args = new ArrayList<>(List.of(app.functionClass(), app.method(), app.route()));
        PrincipalHeaders.of(ClientPrincipal.entra("bench-operator", "bench-operator", List.of("admin")),
                "bench-operator", "bench-operator").forEach((k, v) -> args.add("header:" + k + "=" + v));
        app.query().forEach((k, v) -> args.add("query:" + k + "=" + v));
        return new Subject(name, classPath, ColdStartLauncher.class.getName(), jvmArgs, realAdapters(app), args,
                app.expectedStatus());
    }

    /**
     * The settings infra/ gives an app, identity-based, with endpoints on this machine that nothing answers: the
     * real Cosmos DB and Service Bus adapters are configured (not the in-process fallback), and nothing connects.
     */
    static Map<String, String> realAdapters(App app) {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("MAIN_CLASS", app.startClass());
        env.put("CosmosDatabase", "flights");
        env.put("CosmosDBConnection__accountEndpoint", "https://127.0.0.1:9/");
        env.put("CosmosDBConnection__credential", "managedidentity");
        env.put("ServiceBusConnection__fullyQualifiedNamespace", "127.0.0.1");
        env.put("ServiceBusConnection__credential", "managedidentity");
        return env;
    }

    private Subject minimal() throws IOException, URISyntaxException {
        Path lib = staging("reserve").resolve("lib");
        List<String> entries = new ArrayList<>();
        try (Stream<Path> jars = Files.list(lib)) {
            jars.map(jar -> jar.getFileName().toString()).sorted()
                    .filter(jar -> MINIMAL_LIB_PREFIXES.stream().anyMatch(jar::startsWith))
                    .forEach(jar -> entries.add(lib.resolve(jar).toString()));
        }
        entries.add(location(ExecutionContext.class));
        entries.add(location(ColdStartLauncher.class));
        return new Subject("minimal SCF app", String.join(File.pathSeparator, entries),
                ColdStartLauncher.class.getName(), List.of(), Map.of("MAIN_CLASS", HelloApplication.class.getName()),
                List.of(HelloFunctions.class.getName(), "hello", "/api/hello", "query:name=bench"), 200);
    }

    private Path staging(String app) {
        Path staging = functionsDir.resolve(app).resolve("target/azure-functions/flights-" + app);
        if (!Files.isDirectory(staging.resolve("lib"))) {
            throw new IllegalStateException("no package of " + app + " at " + staging + ": run mvn package first");
        }
        return staging;
    }

    private static String version() {
        String version = ColdStartBench.class.getPackage().getImplementationVersion();
        return version != null ? version : System.getProperty("flights.version", "0.1.0-SNAPSHOT");
    }

    private static String location(Class<?> type) throws URISyntaxException {
        return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
    }

    /** One thing cold-started: its class path, main, JVM options, environment (nothing else) and arguments. */
    record Subject(String name, String classPath, String mainClass, List<String> jvmArgs, Map<String, String> env,
            List<String> args, int expectedStatus) {

        String fileName() {
            return name.replaceAll("[^A-Za-z0-9]+", "-");
        }

        /** Milliseconds from starting the process to its {@code ANSWERED} line; fails on another status. */
        double coldStart(Path log) throws IOException, InterruptedException {
            List<String> command = new ArrayList<>();
            command.add(ChildJvm.javaExecutable());
            command.addAll(jvmArgs);
            if (!classPath.isEmpty()) {
                command.addAll(List.of("-cp", classPath));
            } else {
                command.addAll(List.of("-cp", locationOrFail(BareJvm.class)));
            }
            command.add(mainClass);
            command.addAll(args);
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
            builder.environment().keySet().retainAll(List.of("PATH", "HOME", "TMPDIR", "LANG"));
            builder.environment().putAll(env);
            Files.createDirectories(log.getParent());
            long started = System.nanoTime();
            Process process = builder.start();
            Double elapsed = null;
            try (BufferedReader output = new BufferedReader(new InputStreamReader(process.getInputStream(),
                    StandardCharsets.UTF_8)); PrintWriter file = new PrintWriter(Files.newBufferedWriter(log))) {
                file.println(String.join(" ", command));
                String line;
                while ((line = output.readLine()) != null) {
                    if (elapsed == null && line.startsWith("ANSWERED ")) {
                        elapsed = (System.nanoTime() - started) / 1e6;
                        int status = Integer.parseInt(line.substring("ANSWERED ".length()).trim());
                        if (status != expectedStatus) {
                            throw new IllegalStateException(name + " answered " + status + ", not " + expectedStatus
                                    + "; see " + log);
                        }
                    }
                    file.println(line);
                }
            } finally {
                if (!process.waitFor(2, TimeUnit.MINUTES)) {
                    process.destroyForcibly().waitFor();
                }
            }
            if (elapsed == null) {
                throw new IllegalStateException(name + " ended (exit " + process.exitValue()
                        + ") without answering; its output is in " + log);
            }
            return elapsed;
        }

        private static String locationOrFail(Class<?> type) {
            try {
                return location(type);
            } catch (URISyntaxException e) {
                throw new IllegalStateException(e);
            }
        }

        @Override
        public String toString() {
            return name + " " + Arrays.toString(jvmArgs.toArray());
        }
    }
}
