package dev.flights.simulation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.microsoft.azure.functions.HttpMethod;
import com.microsoft.azure.functions.HttpResponseMessage;
import dev.flights.contract.codec.EventCodec;
import dev.flights.contract.events.EventIds;
import dev.flights.contract.events.EventType;
import dev.flights.platform.auth.ClientPrincipal;
import dev.flights.platform.auth.PrincipalHeaders;
import dev.flights.platform.correlation.Correlation;
import dev.flights.platform.inprocess.InProcessHttpRequest;
import dev.flights.platform.messaging.OutgoingMessage;
import dev.flights.platform.outbox.Outbox;
import java.lang.reflect.InvocationTargetException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * One seeded run of the whole saga: customers deposit, reserve and cancel over HTTP while the seed's faults strike,
 * every app running its real function entry points in its real Spring context; then the faults heal, the run goes
 * on until nothing is left to do, and every guarantee is checked against what the apps stored. Only the clock, the
 * topic, the store and the network (HTTP clients, the webhook receiver) are simulated.
 */
public final class Simulation {

    static final Instant START = Instant.parse("2030-01-01T00:00:00Z");
    /** How long faults strike per reservation of the workload (50 reservations: 5 minutes). */
    private static final Duration WORKLOAD_PER_RESERVATION = Duration.ofSeconds(6);
    /** After the workload: the faults heal, then the run must settle within this much virtual time. */
    private static final Duration SETTLE_LIMIT = Duration.ofHours(6);
    private static final int PRICE = 100;

    /** What one run is asked to do. */
    public record Options(int reservations, Mutation mutation, boolean keepTrace) {
    }

    /** What one run did and what the checks found. */
    public record Result(long seed, String traceHash, long steps, List<String> violations,
            Map<Faults.Kind, Integer> faults, Map<String, Integer> outcomes, List<String> trace, long millis,
            Duration virtualTime, long invocations, long turns) {

        public boolean passed() {
            return violations.isEmpty();
        }
    }

    /** A client's reservation, as the client knows it. */
    private static final class ClientReservation {
        final int index;
        final String user;
        final String key;
        final String flight;
        final String id;
        boolean answered;
        boolean cancelAsked;
        Integer cancelStatus;

        ClientReservation(int index, String user, String key, String flight) {
            this.index = index;
            this.user = user;
            this.key = key;
            this.flight = flight;
            this.id = EventIds.derive(user, key).toString();
        }
    }

    /** One answer to an HTTP request; status 0 is none (the app's process died during the call). */
    record Answer(int status, String body) {
    }

    private final long seed;
    private final Options options;
    private final SimApps apps;
    private final Scheduler scheduler;
    private final Faults faults;
    private final List<String> violations = new ArrayList<>();
    private final List<String> users = new ArrayList<>();
    private final Map<String, Map<String, Long>> credited = new TreeMap<>();
    private final List<ClientReservation> reservations = new ArrayList<>();
    private final Set<String> poison = new LinkedHashSet<>();
    private int clientsBusy;
    private Instant healedAt;

    private Simulation(long seed, Options options) {
        this.seed = seed;
        this.options = options;
        this.apps = SimApps.get();
        this.scheduler = new Scheduler(seed, apps.clock, new Trace(options.keepTrace()));
        this.faults = new Faults(scheduler);
        faults.processDied = this::processDied;
    }

    /** Runs one seed; the apps start on first use and are reused by every later run in this JVM. */
    public static Result run(long seed, Options options) {
        SimApps apps = SimApps.get();
        synchronized (apps) {
            return new Simulation(seed, options).run();
        }
    }

    private Result run() {
        long began = System.nanoTime();
        apps.reset(START);
        apps.store.reset(faults, options.mutation());
        apps.topic.reset(scheduler, faults, options.mutation());
        apps.webhook.reset(faults);
        apps.feeds.forEach(feed -> feed.start(scheduler, apps.store, faults));
        Duration workload = WORKLOAD_PER_RESERVATION.multipliedBy(options.reservations());
        plan(workload);
        healedAt = START.plus(workload).plus(Duration.ofMinutes(2));
        scheduler.at(healedAt, "faults off", () -> faults.active = false);
        boolean settled = scheduler.runUntil(this::settled, healedAt.plus(SETTLE_LIMIT));
        if (!settled) {
            violations.add("stuck: the run did not settle within " + SETTLE_LIMIT + " after the faults healed; "
                    + "clients busy " + clientsBusy + ", invocations running " + scheduler.running().stream()
                    .map(t -> t.label).toList() + ", waiting " + apps.topic.waiting());
        }
        Map<String, Integer> outcomes = check();
        return new Result(seed, scheduler.trace.hash(), scheduler.trace.steps(), List.copyOf(violations),
                faults.counts(), outcomes, scheduler.trace.lines(), (System.nanoTime() - began) / 1_000_000,
                Duration.between(START, scheduler.now()), scheduler.switches()[2], scheduler.switches()[0]);
    }

    private boolean settled() {
        if (scheduler.now().isBefore(healedAt) || clientsBusy > 0 || !scheduler.running().isEmpty()
                || !apps.topic.isIdle()) {
            return false;
        }
        return apps.feeds.stream().allMatch(SimFeed::isCaughtUp);
    }

    // ---------------------------------------------------------------- the workload and the faults, from the seed

    private void plan(Duration workload) {
        long window = workload.toMillis();
        int customers = Math.max(2, options.reservations() / 5);
        for (int c = 0; c < customers; c++) {
            String user = "customer-" + c;
            users.add(user);
            int deposits = 1 + (scheduler.random.nextInt(10) < 3 ? 1 : 0);
            for (int d = 0; d < deposits; d++) {
                // some can pay for everything, some for a few, some for nothing
                long amount = PRICE * scheduler.random.nextInt(5) + scheduler.random.nextInt(PRICE);
                if (amount > 0) {
                    String key = "deposit-" + c + "-" + d;
                    scheduler.at(at(window / 2), "client " + user + " deposits " + amount + " (" + key + ")",
                            () -> deposit(user, key, amount));
                }
            }
        }
        for (int i = 0; i < options.reservations(); i++) {
            String user = users.get(scheduler.random.nextInt(customers));
            ClientReservation r = new ClientReservation(i, user, "reservation-" + i,
                    "FL-" + (100 + scheduler.random.nextInt(5)));
            reservations.add(r);
            Instant when = at(window);
            scheduler.at(when, "client " + user + " reserves " + r.key + " on " + r.flight, () -> reserve(r));
            if (scheduler.random.nextInt(100) < 35) {
                // half of the cancellations race the payment, the others come later
                int delay = scheduler.random.nextBoolean() ? scheduler.random.nextInt(2_000)
                        : scheduler.random.nextInt(90_000);
                scheduler.at(when.plusMillis(delay), null, () -> cancel(r));
            }
        }
        for (String app : apps.apps) {
            if (scheduler.random.nextBoolean()) {
                Instant from = at(window);
                Instant until = from.plusMillis(5_000 + scheduler.random.nextInt(55_000));
                scheduler.at(from, "fault: " + app + "'s store down until " + stamp(until),
                        () -> faults.storeDown(app, until));
            }
        }
        if (scheduler.random.nextBoolean()) {
            Instant from = at(window);
            Instant until = from.plusMillis(5_000 + scheduler.random.nextInt(25_000));
            scheduler.at(from, "fault: the topic down until " + stamp(until), () -> faults.topicDown(until));
            scheduler.at(until, "the topic is back", apps.topic::kickAll);
        }
        if (scheduler.random.nextBoolean()) {
            Instant from = at(window);
            Instant until = from.plusMillis(10_000 + scheduler.random.nextInt(110_000));
            scheduler.at(from, "fault: the webhook receiver down until " + stamp(until),
                    () -> faults.webhookDown(until));
        }
        if (scheduler.random.nextBoolean()) {
            String app = apps.apps.get(scheduler.random.nextInt(apps.apps.size()));
            Instant from = at(window);
            Instant until = from.plusMillis(2_000 + scheduler.random.nextInt(13_000));
            scheduler.at(from, "fault: " + app + " restarts, back at " + stamp(until), () -> restart(app, until));
            scheduler.at(until, app + " is back", apps.topic::kickAll);
        }
        if (scheduler.random.nextInt(10) < 3) {
            Instant from = at(window);
            scheduler.at(from, "fault: a poison message", this::injectPoison);
        }
    }

    private Instant at(long windowMillis) {
        return START.plusMillis((long) (scheduler.random.nextDouble() * windowMillis));
    }

    private static String stamp(Instant at) {
        return String.format("%.3f", Duration.between(START, at).toMillis() / 1000.0);
    }

    private void restart(String app, Instant until) {
        faults.restarting(app, until);
        processDied(app);
    }

    /** An app's process dies: every invocation it runs ends at its next step, and what it kept in memory is gone. */
    private void processDied(String app) {
        scheduler.running().stream().filter(task -> task.app.equals(app)).forEach(Scheduler.Task::kill);
        apps.restarted(app);
    }

    private void injectPoison() {
        faults.count(Faults.Kind.POISON);
        String id = "poison-" + poison.size();
        poison.add(id);
        apps.topic.inject(new OutgoingMessage(id, id, EventType.ReservationRequested.name(), "poison",
                "{\"specversion\":\"1.0\",\"type\":\"ReservationRequested\",\"data\":\"not a reservation\"}", null));
    }

    // ---------------------------------------------------------------- clients over HTTP

    private void deposit(String user, String key, long amount) {
        request(user, "deposit", HttpMethod.POST, "accounts/" + user + "/deposits", Map.of("userId", user),
                Map.of("Idempotency-Key", key), "{\"amount\":" + amount + "}", answer -> {
                    if (answer.status() == 200) {
                        credited.computeIfAbsent(user, u -> new TreeMap<>()).put(key, amount);
                    } else {
                        violations.add("deposit " + key + " of " + user + " answered " + answer);
                    }
                });
    }

    private void reserve(ClientReservation r) {
        request(r.user, "reserve", HttpMethod.POST, "reservations", Map.of(), Map.of("Idempotency-Key", r.key),
                "{\"flightId\":\"" + r.flight + "\"}", answer -> {
                    if (answer.status() == 202 && json(answer.body()).path("reservationId").asText().equals(r.id)) {
                        r.answered = true;
                    } else {
                        violations.add("reservation " + r.key + " of " + r.user + " answered " + answer);
                    }
                });
    }

    private void cancel(ClientReservation r) {
        if (!r.answered) {
            scheduler.after(Duration.ofSeconds(1), null, () -> cancel(r)); // the client has no id to cancel yet
            return;
        }
        r.cancelAsked = true;
        request(r.user, "cancelReservation", HttpMethod.POST, "reservations/" + r.id + "/cancel", Map.of("id", r.id),
                Map.of(), "", answer -> {
                    if (answer.status() == 202 || answer.status() == 409) {
                        r.cancelStatus = answer.status();
                    } else {
                        violations.add("cancel of " + r.key + " of " + r.user + " answered " + answer);
                    }
                });
    }

    /**
     * A client's request, tried until it gets an answer: no answer (the process died) or 503 is tried again after
     * a few seconds with the same Idempotency-Key, as a client does. Sometimes the client sends it twice at once.
     */
    private void request(String user, String function, HttpMethod method, String path, Map<String, String> binding,
            Map<String, String> headers, String body, Consumer<Answer> onAnswer) {
        clientsBusy++;
        attempt(user, function, method, path, binding, headers, body, onAnswer, 1);
        if (faults.chance(Faults.Kind.DUPLICATE_REQUEST, Faults.DUPLICATE_REQUEST)) {
            clientsBusy++;
            attempt(user, function, method, path, binding, headers, body, answer -> { }, 1);
        }
    }

    private void attempt(String user, String function, HttpMethod method, String path, Map<String, String> binding,
            Map<String, String> headers, String body, Consumer<Answer> onAnswer, int attempt) {
        call(user, function, method, path, binding, headers, body, attempt, answer -> {
            if (answer.status() == 0 || answer.status() == 503) {
                scheduler.after(Duration.ofMillis(1000 + scheduler.random.nextInt(4000)), null,
                        () -> attempt(user, function, method, path, binding, headers, body, onAnswer, attempt + 1));
                return;
            }
            clientsBusy--;
            if (answer.status() >= 500) {
                violations.add(function + " " + path + " answered " + answer);
                return;
            }
            onAnswer.accept(answer);
        });
    }

    private void call(String user, String function, HttpMethod method, String path, Map<String, String> binding,
            Map<String, String> headers, String body, int attempt, Consumer<Answer> onAnswer) {
        SimApps.HttpFunction target = apps.http.get(function);
        if (faults.isRestarting(target.app())) {
            scheduler.trace.record(scheduler.stamp() + " " + method + " /api/" + path + " -> 503 (" + target.app()
                    + " restarting)");
            onAnswer.accept(new Answer(503, null));
            return;
        }
        Map<String, String> all = new LinkedHashMap<>(PrincipalHeaders.of(ClientPrincipal.entra(user, user, List.of()),
                user, user));
        all.putAll(headers);
        all.put(Correlation.HEADER, "sim-" + seed + "-" + path.hashCode() + "-" + attempt);
        all.put("Content-Type", "application/json");
        InProcessHttpRequest request = new InProcessHttpRequest(method, URI.create("http://localhost/api/" + path),
                all, Map.of(), body.isEmpty() ? null : body);
        String label = method + " /api/" + path + " by " + user;
        scheduler.spawn(target.app(), label, () -> target.invoker().invoke(request, binding), (result, failure) -> {
            Throwable cause = unwrap(failure);
            Answer answer;
            if (cause == null) {
                HttpResponseMessage response = (HttpResponseMessage) result;
                answer = new Answer(response.getStatusCode(), text(response.getBody()));
            } else if (cause instanceof SimulatedCrash) {
                answer = new Answer(0, null);
            } else {
                answer = new Answer(500, cause.toString());
            }
            scheduler.trace.record(scheduler.stamp() + " " + label + " -> " + answer.status());
            onAnswer.accept(answer);
        });
    }

    private static Throwable unwrap(Throwable failure) {
        Throwable t = failure;
        while (t instanceof InvocationTargetException && t.getCause() != null) {
            t = t.getCause();
        }
        return t;
    }

    private static String text(Object body) {
        if (body == null) {
            return null;
        }
        return body instanceof byte[] bytes ? new String(bytes, StandardCharsets.UTF_8) : body.toString();
    }

    private static JsonNode json(String text) {
        try {
            return text == null ? EventCodec.json().missingNode() : EventCodec.json().readTree(text);
        } catch (java.io.IOException e) {
            return EventCodec.json().missingNode();
        }
    }

    // ---------------------------------------------------------------- the guarantees

    private Map<String, Integer> check() {
        return new Checks(this).run();
    }

    /** The checks need the run's facts: what the clients know, what the topic saw, what the apps stored. */
    static final class Facts {
        final Simulation run;

        Facts(Simulation run) {
            this.run = run;
        }

        List<String> violations() {
            return run.violations;
        }

        List<String> users() {
            return run.users;
        }

        Map<String, Long> credited(String user) {
            return run.credited.getOrDefault(user, Map.of());
        }

        List<String[]> reservations() {
            return run.reservations.stream().map(r -> new String[] {r.id, r.user, r.key,
                    r.cancelStatus == null ? null : r.cancelStatus.toString()}).toList();
        }

        Set<String> poison() {
            return run.poison;
        }

        SimApps apps() {
            return run.apps;
        }

        boolean webhookWasDown() {
            return run.faults.counts().containsKey(Faults.Kind.WEBHOOK_DOWN);
        }

        /** An HTTP GET as an operator would make it after the run, with no faults left. */
        Answer get(String user, String function, String path, Map<String, String> binding) {
            SimApps.HttpFunction target = run.apps.http.get(function);
            Map<String, String> headers = new LinkedHashMap<>(PrincipalHeaders.of(
                    ClientPrincipal.entra(user, user, List.of()), user, user));
            try {
                HttpResponseMessage response = (HttpResponseMessage) target.invoker().invoke(
                        new InProcessHttpRequest(HttpMethod.GET, URI.create("http://localhost/api/" + path), headers,
                                Map.of(), null), binding);
                return new Answer(response.getStatusCode(), text(response.getBody()));
            } catch (Exception e) {
                return new Answer(500, e.toString());
            }
        }

        static JsonNode parse(String text) {
            return json(text);
        }

        List<ObjectNode> documents(String container) {
            List<ObjectNode> all = new ArrayList<>();
            String continuation = null;
            while (true) {
                var page = run.apps.store.backing(container).readChanges(continuation, 1000);
                if (page.documents().isEmpty()) {
                    return all;
                }
                all.addAll(page.documents());
                continuation = page.continuation();
            }
        }

        /** Every event the topic accepted for all its subscribers (not a copy addressed to one). */
        List<OutgoingMessage> events() {
            return run.apps.topic.accepted().stream().filter(m -> m.to() == null).toList();
        }

        static boolean isOutbox(JsonNode doc) {
            return Outbox.DOC_TYPE.equals(doc.path("docType").asText());
        }
    }

    // ---------------------------------------------------------------- the command line

    /**
     * {@code --seed N} replays one seed and prints its trace; {@code --seeds N} runs seeds 1..N (from
     * {@code --from S}); {@code --reservations M} per run (50); {@code --mutation NAME} switches a deliberate bug on.
     */
    public static void main(String[] args) {
        System.exit(SimulationCommand.run(args));
    }
}
