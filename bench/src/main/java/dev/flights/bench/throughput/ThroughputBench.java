package dev.flights.bench.throughput;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.flights.bench.BenchContext;
import dev.flights.bench.BenchPart;
import dev.flights.bench.ChildJvm;
import dev.flights.bench.Figure;
import dev.flights.bench.LocalHostProcess;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Throughput on the local host: {@code reservations} POST /api/reservations over {@code users} signed-in customers
 * who deposited enough beforehand, {@value #IN_FLIGHT} requests in flight, from this JVM (the host runs in its own).
 * A reservation is complete when it reached a terminal status (TICKETED or REJECTED): the host is asked whether it
 * is quiet ({@code GET /admin/status}) and then every reservation is read from the system of record, whose
 * {@code createdAt} and {@code updatedAt} (the host's clock) give request → terminal. The baseline, in the same run
 * and with the same driver and requests: the JDK HTTP server on the same settings answering 202 and nothing else
 * ({@link RawServer}). A warm-up round (a tenth as many, not counted) goes first on both.
 *
 * <p>The host is measured twice, each time in a JVM of its own: in memory (as the tests run it), and durable, as a
 * user runs it by default, every write to the store and the topic journalled in a data directory (a fresh one in
 * the part's directory) before it is applied; the durable figures are labelled so.
 *
 * <p>{@code BENCH_JFR=true} in the environment records the hosts with JFR's profiling settings into
 * {@code local-host.jfr} and {@code local-host-durable.jfr} in the part's directory (for
 * {@code jfr print --events jdk.ExecutionSample}).
 */
public final class ThroughputBench implements BenchPart {

    static final int IN_FLIGHT = 16;
    private static final String PART = "throughput";
    private static final String RAW = "raw 202 server";
    private static final Set<String> TERMINAL = Set.of("TICKETED", "REJECTED");
    private static final Pattern RAW_READY = Pattern.compile("Ready: open (http://\\S+?)/ ");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long PRICE = 100;

    @Override
    public String name() {
        return PART;
    }

    @Override
    public List<Figure> run(BenchContext context) throws Exception {
        int users = context.smoke() ? 10 : 1_000;
        int reservations = context.smoke() ? 50 : 10_000;
        int warmUp = reservations / 10;
        Path dir = context.dir(PART);
        LoadDriver.Result raw;
        double rawCpuPerPost;
        try (ChildJvm server = ChildJvm.start(RawServer.class.getName(), List.of(), List.of(), Map.of(),
                        dir.resolve("raw-server.log"));
                LoadDriver driver = new LoadDriver(
                        URI.create(server.awaitLine(RAW_READY, Duration.ofMinutes(1)).group(1)), IN_FLIGHT)) {
            String[] tokens = new String[users];
            Arrays.fill(tokens, "bench-token");
            driver.run(warmUp, i -> reserve(tokens, users, i, "w"));
            Duration cpuBefore = cpu(server.process());
            Duration driverBefore = cpu(ProcessHandle.current());
            raw = driver.run(reservations, i -> reserve(tokens, users, i, "r"));
            rawCpuPerPost = cpu(server.process()).minus(cpuBefore).toNanos() / 1e6 / reservations;
            context.progress("raw 202 server: %,.0f POST/s, p50 %.1f ms, p99 %.1f ms, %.3f ms CPU per POST (the"
                    + " driver: %.3f ms)", raw.perSecond(), raw.latencyMillis(0.5), raw.latencyMillis(0.99),
                    rawCpuPerPost, cpu(ProcessHandle.current()).minus(driverBefore).toNanos() / 1e6 / reservations);
        }
        String classPath = hostClassPath(context, dir);
        HostRun inMemory;
        try (LocalHostProcess host = LocalHostProcess.start(classPath, dir.resolve("local-host.log"),
                        hostJvmArgs(dir, "local-host.jfr"), List.of(), Map.of());
                LoadDriver driver = new LoadDriver(host.baseUri(), IN_FLIGHT)) {
            inMemory = measureHost(context, "host", driver, host.jvm().process(), users, reservations, warmUp);
        }
        // the default a user runs: every write to the store and the topic journalled in a data directory first
        Path data = dir.resolve("data");
        deleteRecursively(data);
        HostRun durable;
        try (LocalHostProcess host = LocalHostProcess.start(classPath, dir.resolve("local-host-durable.log"),
                        hostJvmArgs(dir, "local-host-durable.jfr"), List.of("--data-dir", data.toString()), Map.of());
                LoadDriver driver = new LoadDriver(host.baseUri(), IN_FLIGHT)) {
            durable = measureHost(context, "durable host", driver, host.jvm().process(), users, reservations, warmUp);
        }
        return figures(inMemory, durable, raw, rawCpuPerPost, reservations, users);
    }

    /** What one host did: its POSTs, completed reservations per second, request to terminal, CPU per reservation. */
    private record HostRun(LoadDriver.Result posts, double completedPerSecond, long[] toTerminal,
            double cpuPerReservation) {
    }

    private static List<Figure> figures(HostRun host, HostRun durable, LoadDriver.Result raw, double rawCpuPerPost,
            int reservations, int users) {
        String sessions = System.getenv("BENCH_MAX_CONCURRENT_SESSIONS");
        String load = String.format("%,d over %,d users, %d in flight", reservations, users, IN_FLIGHT)
                + (sessions == null || sessions.isBlank() ? "" : ", DIAGNOSTIC: " + sessions.trim() + " sessions");
        String durably = ", durable (the default: journals in a data directory)";
        LoadDriver.Result posts = host.posts();
        return List.of(
                Figure.shown(PART, "POST /api/reservations (" + load + ")", posts.perSecond(), "/s", RAW,
                        raw.perSecond()),
                Figure.shown(PART, "POST p50", posts.latencyMillis(0.5), "ms", RAW, raw.latencyMillis(0.5)),
                Figure.atMost(PART, "POST p99", posts.latencyMillis(0.99), "ms", RAW, raw.latencyMillis(0.99), 50),
                Figure.atLeast(PART, "completed reservations (TICKETED or REJECTED)", host.completedPerSecond(), "/s",
                        RAW + " POST", raw.perSecond(), 1_000),
                Figure.shown(PART, "request → terminal p50", LoadDriver.percentile(host.toTerminal(), 0.5) / 1e6,
                        "ms", RAW + " POST p50", raw.latencyMillis(0.5)),
                Figure.shown(PART, "request → terminal p99", LoadDriver.percentile(host.toTerminal(), 0.99) / 1e6,
                        "ms", RAW + " POST p99", raw.latencyMillis(0.99)),
                Figure.shown(PART, "host CPU per reservation, POST to terminal (all threads)",
                        host.cpuPerReservation(), "ms", RAW + " per POST", rawCpuPerPost),
                Figure.shown(PART, "POST p99" + durably, durable.posts().latencyMillis(0.99), "ms", RAW,
                        raw.latencyMillis(0.99)),
                Figure.shown(PART, "completed reservations" + durably, durable.completedPerSecond(), "/s",
                        RAW + " POST", raw.perSecond()),
                Figure.shown(PART, "host CPU per reservation" + durably, durable.cpuPerReservation(), "ms",
                        RAW + " per POST", rawCpuPerPost));
    }

    private static void deleteRecursively(Path path) throws IOException {
        if (!Files.exists(path)) {
            return;
        }
        try (var walk = Files.walk(path)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    private HostRun measureHost(BenchContext context, String label, LoadDriver driver, Process host, int users,
            int reservations, int warmUp) throws Exception {
        String admin = signIn(driver, List.of("bench-operator"), "[\"admin\"]")[0];
        List<String> names = new ArrayList<>();
        for (int u = 0; u < users; u++) {
            names.add(String.format("bench-%04d", u));
        }
        String[] tokens = signIn(driver, names, "[]");
        long perUser = (reservations + warmUp) / users + 2;
        LoadDriver.Result deposits = driver.run(users, i -> LoadDriver.Request.post("/api/accounts/" + names.get(i)
                + "/deposits", Map.of("X-ZUMO-AUTH", tokens[i], "Content-Type", "application/json",
                        "Idempotency-Key", "bench-" + i), "{\"amount\":" + perUser * PRICE + "}"));
        requireStatus(deposits, 200, "deposit");
        awaitTerminal(context, driver, admin, tokens, List.of(), users);
        context.progress("%s: %d customers signed in and paid in; warming up with %d reservations", label, users,
                warmUp);

        List<String> warm = ids(driver.run(warmUp, i -> reserve(tokens, users, i, "w")));
        awaitTerminal(context, driver, admin, tokens, warm, users);

        Duration cpuBefore = cpu(host);
        LoadDriver.Result posts = driver.run(reservations, i -> reserve(tokens, users, i, "r"));
        List<String> ids = ids(posts);
        context.progress("%s: %,.0f POST/s, p50 %.1f ms, p99 %.1f ms; waiting for the sagas", label, posts.perSecond(),
                posts.latencyMillis(0.5), posts.latencyMillis(0.99));
        Duration[] cpuAtQuiet = new Duration[1];
        List<JsonNode> done = awaitTerminal(context, driver, admin, tokens, ids, users,
                () -> cpuAtQuiet[0] = cpu(host));
        double cpuPerReservation = cpuAtQuiet[0].minus(cpuBefore).toNanos() / 1e6 / reservations;

        long[] toTerminal = new long[done.size()];
        Instant last = posts.started();
        long rejected = 0;
        for (int i = 0; i < done.size(); i++) {
            JsonNode reservation = done.get(i);
            Instant created = Instant.parse(reservation.path("createdAt").asText());
            Instant updated = Instant.parse(reservation.path("updatedAt").asText());
            if (created.isBefore(posts.started().minusSeconds(1))) {
                // an idempotent POST answered with an earlier run's reservation: nothing of this run would be measured
                throw new IllegalStateException("reservation " + reservation.path("reservationId").asText()
                        + " was created at " + created + ", before this run's POSTs: the host kept an earlier run's data");
            }
            toTerminal[i] = Duration.between(created, updated).toNanos();
            last = updated.isAfter(last) ? updated : last;
            rejected += "REJECTED".equals(reservation.path("status").asText()) ? 1 : 0;
        }
        Arrays.sort(toTerminal);
        double completedPerSecond = done.size() / (Duration.between(posts.started(), last).toNanos() / 1e9);
        context.progress("%s: %d reservations terminal (%d rejected), %,.0f completed/s, request -> terminal"
                + " p50 %.0f ms, p99 %.0f ms; %.2f ms of host CPU per reservation", label, done.size(), rejected,
                completedPerSecond, LoadDriver.percentile(toTerminal, 0.5) / 1e6,
                LoadDriver.percentile(toTerminal, 0.99) / 1e6, cpuPerReservation);

        return new HostRun(posts, completedPerSecond, toTerminal, cpuPerReservation);
    }

    /**
     * Waits until the host is quiet three looks in a row, then reads every reservation; when one is not terminal
     * yet (a look can fall between two steps of a saga) it waits again.
     */
    private static List<JsonNode> awaitTerminal(BenchContext context, LoadDriver driver, String admin,
            String[] tokens, List<String> ids, int users) throws Exception {
        return awaitTerminal(context, driver, admin, tokens, ids, users, () -> { });
    }

    private static List<JsonNode> awaitTerminal(BenchContext context, LoadDriver driver, String admin,
            String[] tokens, List<String> ids, int users, Runnable whenQuiet) throws Exception {
        long deadline = System.nanoTime() + Duration.ofMinutes(context.smoke() ? 2 : 15).toNanos();
        long nextProgress = System.nanoTime();
        while (true) {
            int quiet = 0;
            while (quiet < 3) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("the host was not quiet in time");
                }
                Thread.sleep(100);
                LoadDriver.Answer status = driver.run(1, i -> LoadDriver.Request.get("/admin/status",
                        Map.of("X-ZUMO-AUTH", admin))).answers().get(0);
                quiet = JSON.readTree(status.body()).path("quiet").asBoolean() ? quiet + 1 : 0;
                if (System.nanoTime() > nextProgress) {
                    context.progress("  waiting for the host to be quiet");
                    nextProgress = System.nanoTime() + Duration.ofSeconds(10).toNanos();
                }
            }
            whenQuiet.run();
            // the reservation at index i was made by customer i % users (see reserve)
            LoadDriver.Result read = driver.run(ids.size(), i -> LoadDriver.Request.get("/api/reservations/"
                    + ids.get(i), Map.of("X-ZUMO-AUTH", tokens[i % users])));
            requireStatus(read, 200, "reading a reservation");
            List<JsonNode> reservations = new ArrayList<>();
            for (LoadDriver.Answer answer : read.answers()) {
                reservations.add(JSON.readTree(answer.body()));
            }
            if (reservations.stream().allMatch(r -> TERMINAL.contains(r.path("status").asText()))) {
                return reservations;
            }
        }
    }

    private static LoadDriver.Request reserve(String[] tokens, int users, int i, String round) {
        return LoadDriver.Request.post("/api/reservations", Map.of("X-ZUMO-AUTH", tokens[i % users],
                "Content-Type", "application/json", "Idempotency-Key", "bench-" + round + "-" + i),
                "{\"flightId\":\"BENCH" + (i % 100) + "\"}");
    }

    private static String[] signIn(LoadDriver driver, List<String> users, String roles) throws Exception {
        LoadDriver.Result result = driver.run(users.size(), i -> LoadDriver.Request.post("/.auth/login/dev",
                Map.of("Content-Type", "application/json"),
                "{\"userId\":\"" + users.get(i) + "\",\"roles\":" + roles + "}"));
        requireStatus(result, 200, "dev sign-in");
        String[] tokens = new String[users.size()];
        for (LoadDriver.Answer answer : result.answers()) {
            tokens[answer.index()] = JSON.readTree(answer.body()).path("authenticationToken").asText();
        }
        return tokens;
    }

    private static List<String> ids(LoadDriver.Result posts) throws Exception {
        requireStatus(posts, 202, "POST /api/reservations");
        List<String> ids = new ArrayList<>();
        for (LoadDriver.Answer answer : posts.answers()) {
            ids.add(JSON.readTree(answer.body()).path("reservationId").asText());
        }
        return ids;
    }

    private static void requireStatus(LoadDriver.Result result, int status, String what) {
        for (LoadDriver.Answer answer : result.answers()) {
            if (answer.status() != status) {
                throw new IllegalStateException(what + " answered " + answer.status() + " instead of " + status + ": "
                        + answer.body());
            }
        }
    }

    /** The CPU time the process used so far, all its threads. */
    private static Duration cpu(Process process) {
        return cpu(process.toHandle());
    }

    private static Duration cpu(ProcessHandle process) {
        return process.info().totalCpuDuration()
                .orElseThrow(() -> new IllegalStateException("this system does not tell a process's CPU time"));
    }

    /**
     * The bench's class path; with {@code BENCH_MAX_CONCURRENT_SESSIONS=N} in the environment, a host.json whose
     * {@code maxConcurrentSessions} is N shadows the build's: a diagnostic that shows what the host does when the
     * session slots of one instance are not what bounds it (figures so measured are not the project's).
     */
    private static String hostClassPath(BenchContext context, Path dir) throws IOException {
        String classPath = System.getProperty("java.class.path");
        String sessions = System.getenv("BENCH_MAX_CONCURRENT_SESSIONS");
        if (sessions == null || sessions.isBlank()) {
            return classPath;
        }
        int count = Integer.parseInt(sessions.trim());
        ObjectNode hostJson;
        try (InputStream in = ThroughputBench.class.getResourceAsStream("/host.json")) {
            hostJson = (ObjectNode) JSON.readTree(in);
        }
        ((ObjectNode) hostJson.path("extensions").path("serviceBus")).put("maxConcurrentSessions", count);
        Path shadow = Files.createDirectories(dir.resolve("host-json"));
        Files.writeString(shadow.resolve("host.json"), hostJson.toPrettyString(), StandardCharsets.UTF_8);
        context.progress("DIAGNOSTIC: the host runs with maxConcurrentSessions %d, not host.json's", count);
        return shadow + File.pathSeparator + classPath;
    }

    private static List<String> hostJvmArgs(Path dir, String recording) {
        if (!Boolean.parseBoolean(System.getenv("BENCH_JFR"))) {
            return List.of();
        }
        return List.of("-XX:StartFlightRecording=settings=profile,dumponexit=true,filename="
                + dir.resolve(recording));
    }
}
