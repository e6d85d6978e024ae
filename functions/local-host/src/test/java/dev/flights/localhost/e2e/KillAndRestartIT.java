package dev.flights.localhost.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.HttpURLConnection;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The local host keeps its data: it is started as its own JVM with a data directory, customers deposit, reserve and
 * cancel from several threads, and the host is killed with SIGKILL while requests are in flight, twice, each time
 * started again with the same command. Then, for every request acknowledged before a kill: money is conserved per
 * customer (the statement), every charged-then-cancelled reservation is refunded exactly once, no rejected one is
 * charged, no reservation has more than one live ticket and a cancelled one none, nothing is stuck, the read model
 * equals the system of record, each step has one notification and nothing is dead-lettered.
 *
 * <p>Deposits carry an Idempotency-Key, so one whose answer the kill cut off is sent again after the restart and the
 * money each customer deposited is known exactly; a cancel without an answer is sent again too. A reservation whose
 * answer was cut off may or may not exist: it is found in the customer's list, statement or notifications and must
 * settle like any other.
 */
class KillAndRestartIT {

    private static final Set<String> SETTLED = Set.of("TICKETED", "REJECTED", "CANCELLED");
    private static final int KILLS = 2;
    private static final int CUSTOMERS = 8;
    private static final int CLIENT_THREADS = 6;
    /** So each customer's list and notifications (100 newest) hold everything. */
    private static final int RESERVATIONS_PER_CUSTOMER = 10;
    private static final Pattern RECOVERED = Pattern.compile("Data: recovered .*");

    private final Path dataDir = Path.of("target", "kill-and-restart-" + UUID.randomUUID().toString().substring(0, 8))
            .toAbsolutePath();
    private final List<String> customers = new ArrayList<>();
    private final Map<String, Long> deposited = new ConcurrentHashMap<>();
    /** Deposits whose answer a kill cut off: sent again, with the same key, after the restart. */
    private final Map<String, Deposit> unanswered = new ConcurrentHashMap<>();
    private final Map<String, String> owner = new ConcurrentHashMap<>();
    private final Set<String> cancelAcknowledged = ConcurrentHashMap.newKeySet();
    private final Set<String> cancelUnanswered = ConcurrentHashMap.newKeySet();
    private final Set<String> cancelRequested = ConcurrentHashMap.newKeySet();
    private final AtomicInteger acknowledged = new AtomicInteger();
    private final AtomicInteger cutOff = new AtomicInteger();
    private Process host;
    private int starts;

    private record Deposit(String customer, long amount, String key) {
    }

    @AfterEach
    void stopHost() {
        if (host != null && host.isAlive()) {
            host.destroyForcibly();
        }
    }

    @Test
    void everyAcknowledgedRequestSurvivesKillNineMidLoadAndEveryGuaranteeHoldsAfterTheRestart() throws Exception {
        for (int i = 0; i < CUSTOMERS; i++) {
            customers.add(Api.newCustomer());
        }
        Api api = start();
        List<String> recoveries = new ArrayList<>();
        int inFlightAtKills = 0;
        for (int kill = 1; kill <= KILLS; kill++) {
            resendUnanswered(api);
            inFlightAtKills += loadAndKill(api, 1500 + ThreadLocalRandom.current().nextInt(1000));
            api = start();
            recoveries.add(recoveredLine());
            for (String id : List.copyOf(owner.keySet())) {
                assertThat(api.as(owner.get(id)).get("/api/reservations/" + id).status())
                        .as("reservation %s, acknowledged before kill %d, is there after the restart", id, kill)
                        .isEqualTo(200);
            }
        }
        resendUnanswered(api);
        Set<String> ids = allReservations(api);
        awaitSettled(api, ids);

        checkEveryGuarantee(api, ids);
        System.out.printf("KillAndRestartIT: %d kills with %d requests in flight in all, %d requests acknowledged,"
                + " %d cut off; %d reservations (%d acknowledged) of %d customers; after each restart: %s%n",
                KILLS, inFlightAtKills, acknowledged.get(), cutOff.get(), ids.size(), owner.size(), customers.size(),
                recoveries);
    }

    /** Customers deposit, reserve and cancel from several threads; the host is killed while requests are in flight. */
    private int loadAndKill(Api api, long killAfterMillis) throws Exception {
        AtomicBoolean running = new AtomicBoolean(true);
        AtomicInteger inFlight = new AtomicInteger();
        ExecutorService clients = Executors.newFixedThreadPool(CLIENT_THREADS);
        List<Future<?>> work = new ArrayList<>();
        for (int t = 0; t < CLIENT_THREADS; t++) {
            int thread = t;
            work.add(clients.submit(() -> {
                Random random = new Random(thread * 31L + starts);
                while (running.get()) {
                    String customer = customers.get(random.nextInt(customers.size()));
                    inFlight.incrementAndGet();
                    try {
                        act(api, customer, random);
                    } finally {
                        inFlight.decrementAndGet();
                    }
                }
                return null;
            }));
        }
        Thread.sleep(killAfterMillis);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (inFlight.get() < 2 && System.nanoTime() < deadline) {
            Thread.onSpinWait();
        }
        int inFlightAtKill = inFlight.get();
        host.destroyForcibly(); // SIGKILL
        host.waitFor();
        running.set(false);
        clients.shutdown();
        for (Future<?> f : work) {
            f.get(60, TimeUnit.SECONDS);
        }
        assertThat(inFlightAtKill).as("requests in flight when the host was killed").isGreaterThanOrEqualTo(2);
        return inFlightAtKill;
    }

    private void act(Api api, String customer, Random random) {
        int choice = random.nextInt(10);
        List<String> mine = owner.entrySet().stream().filter(e -> e.getValue().equals(customer)).map(Map.Entry::getKey)
                .filter(id -> !cancelRequested.contains(id)).toList();
        if (choice < 4) {
            deposit(api, new Deposit(customer, 100 + random.nextInt(3) * 50L, UUID.randomUUID().toString()));
        } else if (choice < 8 || mine.isEmpty()) {
            if (owner.values().stream().filter(customer::equals).count() < RESERVATIONS_PER_CUSTOMER) {
                reserve(api, customer, "KE" + (100 + random.nextInt(900)));
            }
        } else {
            cancel(api, mine.get(random.nextInt(mine.size())));
        }
    }

    private void deposit(Api api, Deposit deposit) {
        unanswered.put(deposit.key(), deposit);
        Integer status = call(() -> api.deposit(deposit.customer(), deposit.amount(), deposit.key()).status());
        if (status != null) {
            assertThat(status).as("a deposit").isEqualTo(200);
            unanswered.remove(deposit.key());
            deposited.merge(deposit.customer(), deposit.amount(), Long::sum);
        }
    }

    private void reserve(Api api, String customer, String flight) {
        Api.Response response = call(() -> api.as(customer).post("/api/reservations",
                "{\"userId\":\"" + customer + "\",\"flightId\":\"" + flight + "\"}", Map.of()));
        if (response != null) {
            assertThat(response.status()).as("a reservation").isEqualTo(202);
            owner.put(response.body().path("reservationId").asText(), customer);
        }
    }

    private void cancel(Api api, String id) {
        cancelRequested.add(id);
        cancelUnanswered.add(id);
        Integer status = call(() -> api.as(owner.get(id)).post("/api/reservations/" + id + "/cancel", null, Map.of())
                .status());
        if (status != null) {
            cancelUnanswered.remove(id);
            assertThat(status).as("a cancel of %s", id).isIn(202, 409);
            if (status == 202) {
                cancelAcknowledged.add(id);
            }
        }
    }

    /** The answer, or null when the kill cut the request off (no answer, or the host gone mid-answer). */
    private <T> T call(java.util.function.Supplier<T> request) {
        try {
            T answer = request.get();
            acknowledged.incrementAndGet();
            return answer;
        } catch (AssertionError e) {
            if (host.isAlive() && !(e.getCause() instanceof IOException)) {
                throw e;
            }
            cutOff.incrementAndGet();
            return null;
        }
    }

    /** Sends again the deposits and cancels whose answer a kill cut off. */
    private void resendUnanswered(Api api) {
        for (Deposit deposit : List.copyOf(unanswered.values())) {
            deposit(api, deposit);
        }
        for (String id : List.copyOf(cancelUnanswered)) {
            cancel(api, id);
        }
        assertThat(unanswered).isEmpty();
        assertThat(cancelUnanswered).isEmpty();
    }

    /** The acknowledged reservations and any whose answer was cut off, found in lists, statements, notifications. */
    private Set<String> allReservations(Api api) {
        Set<String> ids = new HashSet<>(owner.keySet());
        for (String customer : customers) {
            api.list(customer).forEach(item -> found(ids, item.path("reservationId").asText(), customer));
            api.notifications(customer).forEach(n -> found(ids, n.path("reservationId").asText(), customer));
            StatementLines.of(api.statement(customer).body()).lines().stream()
                    .filter(line -> line.has("reservationId"))
                    .forEach(line -> found(ids, line.path("reservationId").asText(), customer));
        }
        return ids;
    }

    private void found(Set<String> ids, String id, String customer) {
        ids.add(id);
        owner.putIfAbsent(id, customer);
    }

    private void awaitSettled(Api api, Set<String> ids) {
        Api.await(() -> {
            Set<String> all = allReservations(api);
            ids.addAll(all);
            return ids.stream().allMatch(id -> settled(api.as(owner.get(id)).get("/api/reservations/" + id).body()))
                    && quiet(api) && quiet(api) && quiet(api);
        }, done -> done, "every reservation to settle and the host to be quiet");
    }

    private static boolean quiet(Api api) {
        JsonNode status = api.get("/admin/status").body();
        sleep(60);
        return status.path("quiet").asBoolean() && status.path("scheduledMessages").asInt() == 0;
    }

    private static boolean settled(JsonNode reservation) {
        String status = reservation.path("status").asText();
        return SETTLED.contains(status) && (!status.equals("CANCELLED") || !reservation.path("ticketNumber").isTextual()
                || reservation.path("ticketVoided").asBoolean());
    }

    private void checkEveryGuarantee(Api api, Set<String> ids) {
        assertThat(cancelAcknowledged).as("some cancels were acknowledged").isNotEmpty();
        Map<String, JsonNode> reservations = new HashMap<>();
        ids.forEach(id -> reservations.put(id, api.as(owner.get(id)).get("/api/reservations/" + id).body()));
        for (String customer : customers) {
            StatementLines statement = StatementLines.of(api.statement(customer).body()).assertAddsUp(customer);
            List<String> charged = statement.reservationsWith("CHARGE");
            List<String> refunded = statement.reservationsWith("REFUND");
            assertThat(charged).as("%s: charged once at most", customer).doesNotHaveDuplicates();
            assertThat(refunded).as("%s: refunded once at most", customer).doesNotHaveDuplicates();
            assertThat(statement.deposits()).as("%s: every deposit, once", customer)
                    .isEqualTo(deposited.getOrDefault(customer, 0L));
            assertThat(api.balance(customer)).as("%s: the balance", customer).isEqualTo(statement.balance());
            long ticketed = 0;
            for (String id : ids) {
                if (!owner.get(id).equals(customer)) {
                    continue;
                }
                JsonNode reservation = reservations.get(id);
                String status = reservation.path("status").asText();
                boolean hasTicket = reservation.path("ticketNumber").isTextual();
                boolean live = hasTicket && !reservation.path("ticketVoided").asBoolean();
                assertThat(status).as("%s is settled", id).isIn(SETTLED);
                switch (status) {
                    case "TICKETED" -> {
                        ticketed += reservation.path("price").asLong();
                        assertThat(live).as("%s has its ticket", id).isTrue();
                        assertThat(charged).as("%s charged", id).contains(id);
                        assertThat(refunded).as("%s not refunded", id).doesNotContain(id);
                    }
                    case "REJECTED" -> {
                        assertThat(charged).as("a rejected reservation is not charged: %s", id).doesNotContain(id);
                        assertThat(live).as("%s has no ticket", id).isFalse();
                    }
                    default -> {
                        assertThat(live).as("cancelled %s has no live ticket", id).isFalse();
                        assertThat(refunded.contains(id)).as("cancelled %s refunded exactly when charged", id)
                                .isEqualTo(charged.contains(id));
                        assertThat(reservation.path("refunded").asBoolean()).as("%s says it was refunded", id)
                                .isEqualTo(refunded.contains(id));
                    }
                }
                if (cancelAcknowledged.contains(id)) {
                    assertThat(status).as("%s, whose cancel was acknowledged", id).isEqualTo("CANCELLED");
                }
            }
            assertThat(statement.charges() - statement.refunds()).as("%s: charged for each ticket kept", customer)
                    .isEqualTo(ticketed);

            Map<String, String> listed = new HashMap<>();
            api.list(customer).forEach(item -> listed.put(item.path("reservationId").asText(),
                    item.path("status").asText()));
            Map<String, String> recorded = new HashMap<>();
            ids.stream().filter(id -> owner.get(id).equals(customer))
                    .forEach(id -> recorded.put(id, reservations.get(id).path("status").asText()));
            assertThat(listed).as("%s: the read model equals the system of record", customer).isEqualTo(recorded);

            List<JsonNode> notifications = api.notifications(customer);
            assertThat(notifications).as("%s: fewer than the list's limit", customer).hasSizeLessThan(100);
            assertThat(notifications.stream().map(n -> n.path("eventId").asText()).toList())
                    .as("%s: one notification per event", customer).doesNotHaveDuplicates();
            assertThat(notifications.stream().map(n -> n.path("reservationId").asText() + " " + n.path("type").asText())
                    .toList()).as("%s: one notification per step", customer).doesNotHaveDuplicates();
            for (String id : recorded.keySet()) {
                List<String> types = notifications.stream().filter(n -> n.path("reservationId").asText().equals(id))
                        .map(n -> n.path("type").asText()).toList();
                String last = switch (recorded.get(id)) {
                    case "TICKETED" -> "TicketIssued";
                    case "REJECTED" -> "ReservationRejected";
                    default -> "ReservationCancelled";
                };
                assertThat(types).as("%s's notifications", id).contains("ReservationRequested", last);
            }
        }
        for (String subscription : List.of("reserve", "pay", "issue-ticket", "notify")) {
            Api.Response letters = api.get("/api/ops/dead-letters/" + subscription + "?max=100");
            assertThat(letters.status()).isEqualTo(200);
            assertThat(letters.body().path("items")).as("dead letters of %s", subscription).isEmpty();
        }
    }

    /** Starts the host as its own JVM, on a free port, with the data directory; waits until it answers. */
    private Api start() throws IOException, InterruptedException {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        starts++;
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:TieredStopAtLevel=1",
                "-Dflights.testLog=" + hostLog(starts)));
        SharedLocalHost.FAST_SETTINGS.forEach((key, value) -> command.add("-D" + key + "=" + value));
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), "dev.flights.localhost.LocalHost",
                "--port", Integer.toString(port), "--data-dir", dataDir.toString(),
                "--feed-poll-delay", Long.toString(SharedLocalHost.CHANGE_FEED_POLL_MILLIS)));
        host = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(hostLog(starts).resolveSibling("kill-and-restart-host-" + starts + ".out").toFile())
                .start();
        URI base = URI.create("http://localhost:" + port);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
        while (!answers(base)) {
            if (!host.isAlive() || System.nanoTime() > deadline) {
                throw new AssertionError("the host did not start; see " + hostLog(starts));
            }
            sleep(100);
        }
        return new Api(base);
    }

    private static boolean answers(URI base) {
        try {
            HttpURLConnection connection = (HttpURLConnection) base.resolve("/api/openapi.json").toURL()
                    .openConnection();
            connection.setConnectTimeout(500);
            return connection.getResponseCode() == 200;
        } catch (IOException e) {
            return false;
        }
    }

    private static Path hostLog(int start) {
        return Path.of("target", "test-logs", "kill-and-restart-host-" + start + ".log").toAbsolutePath();
    }

    /** What the restarted host said it recovered. */
    private String recoveredLine() {
        try {
            for (String line : Files.readAllLines(hostLog(starts))) {
                Matcher m = RECOVERED.matcher(line);
                if (m.find()) {
                    return m.group();
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        throw new AssertionError("the restarted host said nothing of what it recovered; see " + hostLog(starts));
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
