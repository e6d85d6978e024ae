package dev.flights.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.flights.localhost.HostJson;
import dev.flights.localhost.LocalHostOptions;
import dev.flights.localhost.LocalHostRuntime;
import dev.flights.localhost.triggers.ChangeFeedTrigger;
import dev.flights.platform.metering.Meter;
import dev.flights.platform.metering.Meter.Reading;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Predicate;

/**
 * What a reservation costs on Azure, from what the code asks of Cosmos DB and Service Bus and how often its functions
 * run, counted at the ports while N reservations go end to end through the local host (all five apps in this JVM,
 * the in-process store and topic, Azure's change-feed delays): store requests with their request units estimated by
 * the documented RU model ({@code RequestUnitModel}: an estimate, not Cosmos DB's charge), Service Bus operations as
 * Service Bus bills them, function executions and their time; then an idle spell for the polls an idle system makes,
 * and the month's price of a million reservations at the list prices of docs/cost.md.
 *
 * <p>The figures are a paid and ticketed reservation's; the baseline beside each is a reservation whose payment is
 * declined (the customer has no money), run on the same host just after: the shortest saga there is. The idle
 * figures stand beside what the triggers' annotations and Azure's change-feed processor would make of an hour.
 * Polls that find nothing and the local host's lease reads happen per poll, not per reservation: they are counted in
 * the idle figures and left out of the per-reservation ones.
 */
record CostBench() implements BenchPart {

    static final String NAME = "cost";

    /** Azure's change-feed processor renews each lease this often (the extension's leaseRenewInterval default). */
    static final Duration LEASE_RENEW_INTERVAL = Duration.ofSeconds(17);

    private static final ObjectMapper JSON = new ObjectMapper();

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public List<Figure> run(BenchContext context) throws Exception {
        int reservations = context.smoke() ? 20 : 1000;
        Duration idle = context.smoke() ? Duration.ofSeconds(3) : Duration.ofSeconds(30);
        ListPrices prices = ListPrices.asWrittenDown();
        // the apps' INFO lines (a few per step of every saga) would bury the bench's own; Spring Boot reads this
        String quiet = System.setProperty("logging.level.dev.flights", "WARN");
        try (LocalHostRuntime host = LocalHostRuntime.start(new LocalHostOptions(0, Map.of(),
                LocalHostOptions.AZURE_FEED_DELAYS, HostJson.topicSettings()))) {
            Client client = new Client(host.baseUri());
            List<String> paying = customers(client, reservations, 100);
            List<String> broke = customers(client, reservations, 0);
            settle(host);

            context.progress("%d reservations paid and ticketed", reservations);
            Usage ticketed = Usage.of(host, () -> reserveAll(client, paying), reservations);
            client.expectStatus(ticketed.ids, "TICKETED");
            context.progress("%d reservations declined (the baseline)", reservations);
            Usage declined = Usage.of(host, () -> reserveAll(client, broke), reservations);
            client.expectStatus(declined.ids, "REJECTED");

            context.progress("idle for %d s", idle.toSeconds());
            Idle measured = Idle.measure(host, idle);
            Idle annotated = Idle.fromAnnotations(host);
            Path breakdown = context.dir(NAME).resolve("cost-breakdown.md");
            Files.writeString(breakdown, breakdown(ticketed, declined), StandardCharsets.UTF_8);
            context.progress("every store request and Service Bus operation by key: %s", breakdown);
            return figures(ticketed, declined, measured, annotated, prices);
        } finally {
            if (quiet == null) {
                System.clearProperty("logging.level.dev.flights");
            } else {
                System.setProperty("logging.level.dev.flights", quiet);
            }
        }
    }

    /** Every key counted, per reservation, the ticketed reservation's beside the declined one's. */
    static String breakdown(Usage value, Usage base) {
        StringBuilder out = new StringBuilder("| counted | ticketed: count | ticketed: amount | declined: count"
                + " | declined: amount |\n|---|--:|--:|--:|--:|\n");
        table(out, "store", value.store(), base.store(), value.reservations(), "RU");
        table(out, "Service Bus", value.topic(), base.topic(), value.reservations(), "ops");
        table(out, "execution", value.executionsByFunction(), base.executionsByFunction(), value.reservations(), "ms");
        return out.toString();
    }

    private static void table(StringBuilder out, String what, Map<String, Reading> value, Map<String, Reading> base,
            int reservations, String unit) {
        TreeMap<String, Reading> keys = new TreeMap<>(value);
        base.forEach(keys::putIfAbsent);
        for (String key : keys.keySet()) {
            Reading v = value.getOrDefault(key, Reading.ZERO);
            Reading b = base.getOrDefault(key, Reading.ZERO);
            out.append("| ").append(what).append(": ").append(key)
                    .append(" | ").append(Table.number(v.count() / (double) reservations))
                    .append(" | ").append(Table.number(v.amount() / reservations)).append(' ').append(unit)
                    .append(" | ").append(Table.number(b.count() / (double) reservations))
                    .append(" | ").append(Table.number(b.amount() / reservations)).append(' ').append(unit)
                    .append(" |\n");
        }
    }

    private static List<Figure> figures(Usage value, Usage base, Idle idle, Idle annotated, ListPrices prices) {
        String baseline = "declined reservation";
        List<Figure> figures = new ArrayList<>();
        figures.add(Figure.atMost(NAME, "Cosmos DB RU per reservation (estimate: documented RU model)",
                value.requestUnits(), "RU", baseline, base.requestUnits(), 50));
        for (String who : union(value.requestUnitsByWho(), base.requestUnitsByWho())) {
            figures.add(Figure.shown(NAME, "RU per reservation: " + who,
                    value.requestUnitsByWho().getOrDefault(who, 0.0), "RU", baseline,
                    base.requestUnitsByWho().getOrDefault(who, 0.0)));
        }
        for (String operation : union(value.requestUnitsByOperation(), base.requestUnitsByOperation())) {
            figures.add(Figure.shown(NAME, "RU per reservation: every " + operation,
                    value.requestUnitsByOperation().getOrDefault(operation, 0.0), "RU", baseline,
                    base.requestUnitsByOperation().getOrDefault(operation, 0.0)));
        }
        figures.add(Figure.shown(NAME, "store requests per reservation", value.storeRequests(), "requests", baseline,
                base.storeRequests()));
        figures.add(Figure.atMost(NAME, "Service Bus operations per reservation", value.serviceBusOperations(), "ops",
                baseline, base.serviceBusOperations(), 24));
        for (String kind : union(value.serviceBusByKind(), base.serviceBusByKind())) {
            figures.add(Figure.shown(NAME, "Service Bus " + kind + " per reservation",
                    value.serviceBusByKind().getOrDefault(kind, 0.0), "ops", baseline,
                    base.serviceBusByKind().getOrDefault(kind, 0.0)));
        }
        figures.add(Figure.shown(NAME, "function executions per reservation", value.executions(), "executions",
                baseline, base.executions()));
        for (String trigger : union(value.executionsByApp(), base.executionsByApp())) {
            figures.add(Figure.shown(NAME, "executions per reservation: " + trigger,
                    value.executionsByApp().getOrDefault(trigger, 0.0), "executions", baseline,
                    base.executionsByApp().getOrDefault(trigger, 0.0)));
        }
        figures.add(Figure.shown(NAME, "execution time per reservation (this machine)", value.executionMillis(), "ms",
                baseline, base.executionMillis()));
        String idleBaseline = "annotations + lease renewals every " + LEASE_RENEW_INTERVAL.toSeconds() + " s";
        figures.add(Figure.shown(NAME, "idle change-feed polls per hour", idle.pollsPerHour(), "polls", idleBaseline,
                annotated.pollsPerHour()));
        figures.add(Figure.shown(NAME, "idle RU per hour (estimate)", idle.requestUnitsPerHour(), "RU", idleBaseline,
                annotated.requestUnitsPerHour()));

        double million = 1e6;
        Month month = new Month(value, idle, prices, million);
        Month baseMonth = new Month(base, annotated, prices, million);
        String priced = "1M reservations/month, ";
        String unverified = " (unverified price)";
        figures.add(Figure.shown(NAME, priced + "Cosmos DB serverless" + (prices.cosmosVerified() ? "" : unverified),
                month.cosmos(), "USD", baseline + ", annotated idle", baseMonth.cosmos()));
        figures.add(Figure.shown(NAME,
                priced + "Service Bus Standard" + (prices.serviceBusVerified() ? "" : unverified),
                month.serviceBus(), "USD", baseline + ", annotated idle", baseMonth.serviceBus()));
        figures.add(Figure.shown(NAME, priced + "Flex Consumption (2 GB, executions' time summed"
                + (prices.flexExecutionsVerified() ? ")" : "; unverified price per execution)"), month.functions(),
                "USD", baseline + ", annotated idle", baseMonth.functions()));
        figures.add(Figure.atMost(NAME, priced + "all-in", month.total(), "USD", baseline + ", annotated idle",
                baseMonth.total(), 30));
        return figures;
    }

    private static List<String> union(Map<String, Double> a, Map<String, Double> b) {
        TreeMap<String, Double> keys = new TreeMap<>(a);
        keys.putAll(b);
        return List.copyOf(keys.keySet());
    }

    /** {@code count} new customers signed in, each with {@code deposit} in the account (none when 0). */
    private static List<String> customers(Client client, int count, long deposit) throws Exception {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String id = "cost-" + UUID.randomUUID().toString().substring(0, 8);
            client.signIn(id);
            if (deposit > 0) {
                client.post(id, "/api/accounts/" + id + "/deposits", "{\"amount\":" + deposit + "}", 200);
            }
            ids.add(id);
        }
        return ids;
    }

    private static List<String> reserveAll(Client client, List<String> customers) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<String>> ids = new ArrayList<>();
            for (String customer : customers) {
                String body = "{\"userId\":\"" + customer + "\",\"flightId\":\"KE123\"}";
                ids.add(pool.submit(() -> client.post(customer, "/api/reservations", body, 202)
                        .path("reservationId").asText()));
            }
            List<String> reserved = new ArrayList<>();
            for (Future<String> id : ids) {
                reserved.add(id.get());
            }
            return reserved;
        } finally {
            pool.shutdownNow();
        }
    }

    /** Waits until nothing moves: no message in flight, every feed caught up, nothing scheduled. */
    static void settle(LocalHostRuntime host) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofMinutes(15).toNanos();
        do {
            host.awaitQuiet(Duration.ofMinutes(15));
            if (host.topic().scheduledCount() == 0) {
                return;
            }
            Thread.sleep(200);
        } while (System.nanoTime() < deadline);
        throw new IllegalStateException("messages still scheduled after 15 minutes");
    }

    @FunctionalInterface
    interface Work {
        List<String> run() throws Exception;
    }

    /** What N reservations asked of the store, the topic and the functions, per reservation. */
    record Usage(List<String> ids, Map<String, Reading> store, Map<String, Reading> topic,
            Map<String, Reading> executionsByFunction, int reservations) {

        static Usage of(LocalHostRuntime host, Work work, int reservations) throws Exception {
            Map<String, Reading> store = host.storeRequests().snapshot();
            Map<String, Reading> topic = host.topic().operations().snapshot();
            Map<String, Reading> executions = host.functionExecutions().snapshot();
            List<String> ids = work.run();
            settle(host);
            return new Usage(ids,
                    perReservationKeys(Meter.difference(host.storeRequests().snapshot(), store)),
                    Meter.difference(host.topic().operations().snapshot(), topic),
                    Meter.difference(host.functionExecutions().snapshot(), executions), reservations);
        }

        /** Leaves out what a poll costs whether or not there was a reservation (see the class comment). */
        private static Map<String, Reading> perReservationKeys(Map<String, Reading> store) {
            Map<String, Reading> kept = new TreeMap<>(store);
            kept.keySet().removeIf(Usage::perPoll);
            return kept;
        }

        static boolean perPoll(String key) {
            return key.endsWith(" changes-empty") || (key.contains("/trigger leases read"));
        }

        double requestUnits() {
            return Meter.total(store).amount() / reservations;
        }

        double storeRequests() {
            return store.entrySet().stream().filter(e -> !e.getKey().endsWith(" failed"))
                    .mapToLong(e -> e.getValue().count()).sum() / (double) reservations;
        }

        /** RU per reservation by who asked: an app, or {@code <app>/trigger} (feed reads and lease checkpoints). */
        Map<String, Double> requestUnitsByWho() {
            Map<String, Double> byWho = new TreeMap<>();
            store.forEach((key, reading) -> byWho.merge(key.substring(0, key.indexOf(' ')),
                    reading.amount() / reservations, Double::sum));
            return byWho;
        }

        /** RU per reservation by operation (read, read-miss, query, upsert, batch, changes), whoever asked. */
        Map<String, Double> requestUnitsByOperation() {
            Map<String, Double> byOperation = new TreeMap<>();
            store.forEach((key, reading) -> byOperation.merge(key.substring(key.lastIndexOf(' ') + 1),
                    reading.amount() / reservations, Double::sum));
            return byOperation;
        }

        double serviceBusOperations() {
            return Meter.total(topic).amount() / reservations;
        }

        /** Billable operations per reservation by kind (send, schedule, accept-session, receive, complete, abandon). */
        Map<String, Double> serviceBusByKind() {
            Map<String, Double> byKind = new TreeMap<>();
            topic.forEach((key, reading) -> byKind.merge(key.substring(key.lastIndexOf(' ') + 1),
                    reading.amount() / reservations, Double::sum));
            byKind.values().removeIf(amount -> amount == 0);
            return byKind;
        }

        double executions() {
            return Meter.total(executionsByFunction).count() / (double) reservations;
        }

        /** Executions per reservation by app and trigger kind. */
        Map<String, Double> executionsByApp() {
            Map<String, Double> byApp = new TreeMap<>();
            executionsByFunction.forEach((key, reading) -> byApp.merge(key.substring(0, key.lastIndexOf(' ')),
                    reading.count() / (double) reservations, Double::sum));
            return byApp;
        }

        double executionMillis() {
            return Meter.total(executionsByFunction).amount() / reservations;
        }
    }

    /** What the system costs per hour with nothing to do: change-feed polls and the request units they take. */
    record Idle(double pollsPerHour, double requestUnitsPerHour, double serviceBusOperationsPerHour) {

        static Idle measure(LocalHostRuntime host, Duration spell) throws InterruptedException {
            long polls = host.changeFeeds().stream().mapToLong(ChangeFeedTrigger::polls).sum();
            Map<String, Reading> store = host.storeRequests().snapshot();
            Map<String, Reading> topic = host.topic().operations().snapshot();
            long started = System.nanoTime();
            Thread.sleep(spell.toMillis());
            double hours = (System.nanoTime() - started) / 3.6e12;
            long polled = host.changeFeeds().stream().mapToLong(ChangeFeedTrigger::polls).sum() - polls;
            double ru = Meter.total(Meter.difference(host.storeRequests().snapshot(), store)).amount();
            double ops = Meter.total(Meter.difference(host.topic().operations().snapshot(), topic)).amount();
            return new Idle(polled / hours, ru / hours, ops / hours);
        }

        /**
         * An hour as the triggers' annotations say: one empty poll per {@code feedPollDelay} per trigger, each at the
         * model's empty change-feed read, and each trigger's lease renewed every {@link #LEASE_RENEW_INTERVAL} (a
         * write of a lease document of about 300 bytes).
         */
        static Idle fromAnnotations(LocalHostRuntime host) {
            double polls = 0;
            double renewals = 0;
            for (ChangeFeedTrigger feed : host.changeFeeds()) {
                polls += 3600_000.0 / Math.max(1, feed.settings().pollDelay().toMillis());
                renewals += 3600.0 / LEASE_RENEW_INTERVAL.toSeconds();
            }
            double ru = polls * dev.flights.platform.metering.RequestUnitModel.EMPTY_CHANGE_FEED
                    + renewals * dev.flights.platform.metering.RequestUnitModel.write(300);
            return new Idle(polls, ru, 0);
        }
    }

    /** The month's bill for {@code reservations} reservations, plus 730 idle hours. */
    record Month(double cosmos, double serviceBus, double functions) {

        Month(Usage usage, Idle idle, ListPrices prices, double reservations) {
            this(prices.cosmos(usage.requestUnits() * reservations
                            + idle.requestUnitsPerHour() * ListPrices.HOURS_PER_MONTH),
                    prices.serviceBus(usage.serviceBusOperations() * reservations
                            + idle.serviceBusOperationsPerHour() * ListPrices.HOURS_PER_MONTH),
                    prices.functions(usage.executions() * reservations,
                            usage.executionMillis() / 1000 * reservations));
        }

        double total() {
            return cosmos + serviceBus + functions;
        }
    }

    /** The HTTP API as customers call it: signed in through the local host's dev sign-in. */
    static final class Client {

        private final HttpClient http = HttpClient.newHttpClient();
        private final URI base;
        private final Map<String, String> tokens = new java.util.concurrent.ConcurrentHashMap<>();

        Client(URI base) {
            this.base = base;
        }

        void signIn(String userId) throws IOException, InterruptedException {
            JsonNode body = send(HttpRequest.newBuilder(base.resolve("/.auth/login/dev"))
                    .POST(HttpRequest.BodyPublishers.ofString("{\"userId\":\"" + userId + "\",\"roles\":[]}"))
                    .header("Content-Type", "application/json"), 200);
            tokens.put(userId, body.path("authenticationToken").asText());
        }

        JsonNode post(String userId, String path, String json, int expected) throws IOException, InterruptedException {
            return send(HttpRequest.newBuilder(base.resolve(path)).POST(HttpRequest.BodyPublishers.ofString(json))
                    .header("Content-Type", "application/json").header("X-ZUMO-AUTH", tokens.get(userId)), expected);
        }

        /** Reads each reservation once, after the counting, and fails unless every one has this status. */
        void expectStatus(List<String> ids, String status) throws IOException, InterruptedException {
            // the reservation's owner may read it; the customers are not remembered per id, so read as the admin
            String admin = "cost-bench-admin";
            if (!tokens.containsKey(admin)) {
                String signIn = "{\"userId\":\"" + admin + "\",\"roles\":[\"admin\"]}";
                JsonNode body = send(HttpRequest.newBuilder(base.resolve("/.auth/login/dev"))
                        .POST(HttpRequest.BodyPublishers.ofString(signIn))
                        .header("Content-Type", "application/json"), 200);
                tokens.put(admin, body.path("authenticationToken").asText());
            }
            Predicate<JsonNode> has = r -> r.path("status").asText().equals(status);
            for (String id : ids) {
                JsonNode reservation = send(HttpRequest.newBuilder(base.resolve("/api/reservations/" + id)).GET()
                        .header("X-ZUMO-AUTH", tokens.get(admin)), 200);
                if (!has.test(reservation)) {
                    throw new IllegalStateException("reservation " + id + " is " + reservation.path("status").asText()
                            + ", not " + status + ", once the host was quiet: " + reservation);
                }
            }
        }

        private JsonNode send(HttpRequest.Builder request, int expected) throws IOException, InterruptedException {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != expected) {
                throw new IllegalStateException(response.request().method() + " " + response.request().uri() + " gave "
                        + response.statusCode() + ", not " + expected + ": " + response.body());
            }
            return response.body().isEmpty() ? JSON.createObjectNode() : JSON.readTree(response.body());
        }
    }
}
