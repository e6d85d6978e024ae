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
import dev.flights.platform.spring.ClassDataArchiveTraining;
import dev.flights.platform.spring.UnusedAutoConfigurations;
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
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.zip.ZipFile;
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
 * options and with the options infra/ ships ({@link #SHIPPED}: the context Spring AOT generated at package time, the
 * class-data archive the build trained on it, C1 only); each step is also measured on reserve ({@link #TECHNIQUES}),
 * beside what it adds to, to show its share (the archives of the steps without AOT are trained by the bench itself,
 * as the build trains the package's).
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

    /** Without AOT the auto-configurations' conditions run at start, so this property still has its effect. */
    private static final String KEEP_UNUSED = "-D" + UnusedAutoConfigurations.KEEP_PROPERTY + "=true";
    private static final String AOT = "-Dspring.aot.enabled=true";

    /** Which class-data archive a subject maps: none, the package's, or one the bench trains for it. */
    enum Archive {
        NONE, PACKAGE,
        /** trained by the bench as the package's is, but without AOT: the archive shipped before AOT. */
        WITHOUT_AOT,
        /** the same with the unused auto-configurations kept: the archive shipped before they were left out. */
        WITHOUT_AOT_ALL_AUTO_CONFIGURATIONS,
        /**
         * trained by the bench as the package's is (with AOT), on a copy of the package whose jars are signed as
         * published: the package before the build took the signatures out.
         */
        SIGNED_JARS
    }

    /** What a technique's figure is held beside. */
    enum Baseline {
        NO_OPTIONS("reserve, no JVM options"), BEFORE_AOT("reserve, options shipped before AOT"),
        SHIPPED("reserve, shipped options");

        final String label;

        Baseline(String label) {
            this.label = label;
        }
    }

    /**
     * Each step measured on reserve: its JVM options, the archive it maps (%ARCHIVE% in the options) and what it is
     * held beside, to show its share. Those that do not help are measured all the same, to show it.
     */
    record Technique(String name, List<String> options, Archive archive, Baseline baseline) {
    }

    static final List<String> BEFORE_AOT = List.of("-XX:SharedArchiveFile=%ARCHIVE%", "-Xshare:auto",
            "-XX:TieredStopAtLevel=1");

    static final Technique OPTIONS_BEFORE_AOT = new Technique(
            "the options shipped before AOT (an archive trained without AOT, C1 only)", BEFORE_AOT,
            Archive.WITHOUT_AOT, Baseline.NO_OPTIONS);

    static final List<Technique> TECHNIQUES = List.of(
            new Technique("C1 only (-XX:TieredStopAtLevel=1) alone", List.of("-XX:TieredStopAtLevel=1"), Archive.NONE,
                    Baseline.NO_OPTIONS),
            new Technique("an AppCDS archive alone (trained without AOT)", List.of("-XX:SharedArchiveFile=%ARCHIVE%",
                    "-Xshare:auto"), Archive.WITHOUT_AOT, Baseline.NO_OPTIONS),
            new Technique("Spring AOT alone (-Dspring.aot.enabled=true)", List.of(AOT), Archive.NONE,
                    Baseline.NO_OPTIONS),
            OPTIONS_BEFORE_AOT,
            new Technique("the options shipped before AOT, the unused auto-configurations kept (archive trained so)",
                    concat(BEFORE_AOT, KEEP_UNUSED), Archive.WITHOUT_AOT_ALL_AUTO_CONFIGURATIONS, Baseline.BEFORE_AOT),
            new Technique("the shipped options (Spring AOT on top of the archive, trained with it, and C1)", SHIPPED,
                    Archive.PACKAGE, Baseline.BEFORE_AOT),
            new Technique("the jars signed as published (the Azure SDK's), with the shipped options and an archive"
                    + " trained so: the package before the build took the signatures out", SHIPPED,
                    Archive.SIGNED_JARS, Baseline.SHIPPED),
            new Technique("the serial GC on top of the shipped options", concat(SHIPPED, "-XX:+UseSerialGC"),
                    Archive.PACKAGE, Baseline.SHIPPED),
            new Technique("lazy bean initialization on top of the shipped options (not shipped: a start would build"
                    + " no bean, so a broken one shows only at the first invocation needing it)", concat(SHIPPED, "-Dspring.main.lazy-initialization=true"),
                    Archive.PACKAGE, Baseline.SHIPPED),
            new Technique("Boot's background pre-initializer off, on top of the shipped options",
                    concat(SHIPPED, "-Dspring.backgroundpreinitializer.ignore=true"), Archive.PACKAGE,
                    Baseline.SHIPPED),
            new Technique("no logging system, on top of the shipped options (its share only: the logs must reach the"
                    + " host)", concat(SHIPPED, "-Dorg.springframework.boot.logging.LoggingSystem=none"),
                    Archive.PACKAGE, Baseline.SHIPPED));

    private static List<String> concat(List<String> options, String... more) {
        List<String> all = new ArrayList<>(options);
        all.addAll(List.of(more));
        return List.copyOf(all);
    }

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
        // each step on reserve; a smoke run takes only the options shipped before AOT (it trains an archive)
        Map<Technique, Subject> techniques = new LinkedHashMap<>();
        App reserve = APPS.get(0);
        Map<Archive, Path> archives = new EnumMap<>(Archive.class);
        for (Technique technique : context.smoke() ? List.of(OPTIONS_BEFORE_AOT) : TECHNIQUES) {
            if (technique.archive() == Archive.PACKAGE && technique.options().equals(SHIPPED)) {
                techniques.put(technique, shipped.get(reserve.name()));
                continue;
            }
            Path packaged = technique.archive() == Archive.SIGNED_JARS ? signedPackage(reserve, logs)
                    : staging(reserve.name());
            Path archive = technique.archive() == Archive.NONE || technique.archive() == Archive.PACKAGE ? null
                    : archives.computeIfAbsent(technique.archive(), kind -> train(reserve, packaged, kind, logs));
            Subject subject = appSubject(reserve, packaged, "reserve, " + technique.name(), technique.options(),
                    archive);
            techniques.put(technique, subject);
            subjects.add(subject);
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
        Map<Baseline, Double> baselines = new EnumMap<>(Baseline.class);
        baselines.put(Baseline.NO_OPTIONS, median(times.get(before.get(reserve.name()))));
        baselines.put(Baseline.BEFORE_AOT, median(times.get(techniques.get(OPTIONS_BEFORE_AOT))));
        baselines.put(Baseline.SHIPPED, median(times.get(shipped.get(reserve.name()))));
        techniques.forEach((technique, subject) -> figures.add(Figure.shown(name(), "reserve with "
                + technique.name() + ", median of " + rounds, median(times.get(subject)), "ms",
                technique.baseline().label, baselines.get(technique.baseline()))));
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
        return appSubject(app, staging(app.name()), name, options, null);
    }

    /**
     * {@code staging}: the package (its own, or the bench's copy of it); {@code archive}: the one %ARCHIVE% stands
     * for, or null for the package's own.
     */
    private Subject appSubject(App app, Path staging, String name, List<String> options, Path trained)
            throws IOException, URISyntaxException {
        Path archive = trained != null ? trained : staging.resolve(ARCHIVE);
        List<String> jvmArgs = new ArrayList<>();
        for (String option : options) {
            if (option.contains("%ARCHIVE%") && !Files.isRegularFile(archive)) {
                throw new IllegalStateException("no class-data archive " + archive + ": package the app first (mvn"
                        + " package makes it)");
            }
            jvmArgs.add(option.replace("%ARCHIVE%", archive.toString()));
        }
        // the class path the archive was made with comes first, in the same words (the JVM checks it is a prefix)
        String classPath = packagedClassPath(app, staging) + File.pathSeparator + location(ColdStartLauncher.class);
        List<String> args = new ArrayList<>(List.of(app.functionClass(), app.method(), app.route()));
        PrincipalHeaders.of(ClientPrincipal.entra("bench-operator", "bench-operator", List.of("admin")),
                "bench-operator", "bench-operator").forEach((k, v) -> args.add("header:" + k + "=" + v));
        app.query().forEach((k, v) -> args.add("query:" + k + "=" + v));
        return new Subject(name, classPath, ColdStartLauncher.class.getName(), jvmArgs, realAdapters(app), args,
                app.expectedStatus());
    }

    /** The package's class path as the build's training run had it: the app jar, lib/, the worker's library. */
    private static String packagedClassPath(App app, Path staging) throws URISyntaxException {
        return String.join(File.pathSeparator, staging.resolve(app.name() + "-" + version() + ".jar").toString(),
                staging.resolve("lib") + File.separator + "*", location(ExecutionContext.class));
    }

    /**
     * An archive of the packaged app trained as the build trains the package's ({@code ClassDataArchiveTraining}
     * on the same class path and settings, see app-parent's pom), but without AOT, and for
     * {@link Archive#WITHOUT_AOT_ALL_AUTO_CONFIGURATIONS} with the unused auto-configurations kept; for
     * {@link Archive#SIGNED_JARS} with AOT, on the copy of the package with signed jars.
     */
    private Path train(App app, Path staging, Archive kind, Path logs) {
        Path archive = logs.resolve(app.name() + "-" + kind.name().toLowerCase(Locale.ROOT) + ".jsa");
        try {
            Files.createDirectories(logs);
            Files.deleteIfExists(archive);
            List<String> options = new ArrayList<>(List.of("-XX:ArchiveClassesAtExit=" + archive, "-Xlog:cds=off",
                    "-Xlog:cds+dynamic=off"));
            if (kind == Archive.WITHOUT_AOT_ALL_AUTO_CONFIGURATIONS) {
                options.add(KEEP_UNUSED);
            } else if (kind == Archive.SIGNED_JARS) {
                options.add(AOT);
            }
            Subject training = new Subject("training " + archive.getFileName(), packagedClassPath(app, staging),
                    ClassDataArchiveTraining.class.getName(), options, realAdapters(app), List.of(), 0);
            training.run(logs.resolve("training-" + kind.name().toLowerCase(Locale.ROOT) + ".log"));
        } catch (IOException | URISyntaxException e) {
            throw new IllegalStateException("training the archive " + archive + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while training the archive " + archive, e);
        }
        if (!Files.isRegularFile(archive)) {
            throw new IllegalStateException("the training run wrote no archive " + archive + "; see its log in "
                    + logs);
        }
        return archive;
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

    /**
     * A copy of the app's package with its jars signed as published: each lib/ jar that is signed on the bench's own
     * class path (the local Maven repository's copy, as Maven Central ships it) replaces the package's, which the
     * build unsigned (app-parent's pom). Fails when there is none: the figure would compare the package with itself.
     */
    private Path signedPackage(App app, Path logs) throws IOException {
        Path staging = staging(app.name());
        Path copy = logs.resolve("flights-" + app.name() + "-signed-jars");
        if (Files.exists(copy)) {
            try (Stream<Path> old = Files.walk(copy)) {
                for (Path path : old.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(path);
                }
            }
        }
        Files.createDirectories(copy.resolve("lib"));
        String appJar = app.name() + "-" + version() + ".jar";
        Files.copy(staging.resolve(appJar), copy.resolve(appJar));
        Map<String, Path> published = new LinkedHashMap<>();
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            Path path = Path.of(entry);
            if (entry.endsWith(".jar") && Files.isRegularFile(path)) {
                published.putIfAbsent(path.getFileName().toString(), path);
            }
        }
        int signed = 0;
        try (Stream<Path> jars = Files.list(staging.resolve("lib"))) {
            for (Path jar : jars.sorted().toList()) {
                Path original = published.get(jar.getFileName().toString());
                boolean useOriginal = original != null && isSigned(original);
                Files.copy(useOriginal ? original : jar, copy.resolve("lib").resolve(jar.getFileName()));
                signed += useOriginal ? 1 : 0;
            }
        }
        if (signed == 0) {
            throw new IllegalStateException("none of " + app.name() + "'s jars is signed on the bench's class path");
        }
        return copy;
    }

    /** Whether a jar carries signature files (META-INF/*.SF and the signature block). */
    static boolean isSigned(Path jar) throws IOException {
        try (ZipFile zip = new ZipFile(jar.toFile())) {
            return zip.stream().anyMatch(entry -> entry.getName().toUpperCase(Locale.ROOT).matches(
                    "META-INF/[^/]+\\.SF"));
        }
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
            List<String> command = command();
            ProcessBuilder builder = builder(command);
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

        /** Runs it to its end, its output to {@code log}; fails unless it exits 0. */
        void run(Path log) throws IOException, InterruptedException {
            List<String> command = command();
            Files.createDirectories(log.getParent());
            Files.writeString(log, String.join(" ", command) + System.lineSeparator());
            Process process = builder(command).redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
            if (!process.waitFor(5, TimeUnit.MINUTES)) {
                process.destroyForcibly().waitFor();
            }
            if (process.exitValue() != 0) {
                throw new IllegalStateException(name + " exited " + process.exitValue() + "; its output is in " + log);
            }
        }

        private List<String> command() {
            List<String> command = new ArrayList<>();
            command.add(ChildJvm.javaExecutable());
            command.addAll(jvmArgs);
            command.addAll(List.of("-cp", classPath.isEmpty() ? locationOrFail(BareJvm.class) : classPath));
            command.add(mainClass);
            command.addAll(args);
            return command;
        }

        private ProcessBuilder builder(List<String> command) {
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
            builder.environment().keySet().retainAll(List.of("PATH", "HOME", "TMPDIR", "LANG"));
            builder.environment().putAll(env);
            return builder;
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
