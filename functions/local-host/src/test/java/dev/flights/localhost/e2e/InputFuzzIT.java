package dev.flights.localhost.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.flights.contract.FlightId;
import dev.flights.contract.UserId;
import dev.flights.contract.codec.EventCodec;
import dev.flights.localhost.LocalHostRuntime;
import dev.flights.localhost.e2e.RawHttp.Header;
import dev.flights.localhost.openapi.ApiContract;
import dev.flights.localhost.openapi.Operation;
import dev.flights.platform.auth.ClientPrincipal;
import dev.flights.platform.store.ChangeFeedPage;
import dev.flights.platform.store.ContainerLayout;
import dev.flights.platform.store.DocumentContainer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.EdgeCasesMode;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.ShrinkingMode;
import net.jqwik.api.Tuple;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import net.jqwik.api.statistics.Statistics;

/**
 * Generated bad input on every HTTP route of the OpenAPI document, {@value #TRIES} requests per property and
 * {@value #PROPERTIES} properties, from the fixed seed {@value #SEED} (jqwik prints it with any failure; run again
 * with it to get the same requests): malformed JSON, trailing text, repeated fields, wrong types, missing and extra
 * fields, bodies over the limits, unknown ids, zero, negative and overflowing amounts, odd Unicode, control
 * characters and injection-like strings in ids, query values and headers, garbage and forged credentials,
 * cross-site requests. Each request is built from parts, and each part knows what it alone would get (nothing, when
 * it is fine); at least one part of every request is bad. The answer must be one of what its bad parts would get —
 * a 4xx {@code application/problem+json}, a 400 naming a field one of them broke — and never a 5xx; every answer is
 * checked against the OpenAPI document. The customers of this test only ever send bad input, so afterwards their
 * accounts do not exist, no container changed and the topic accepted no message.
 *
 * <p>Requests go over a plain socket ({@link RawHttp}), so header values can carry any byte but CR and LF. jqwik's
 * own edge cases are off: mixed in, those of the many garbage-credential generators crowded out the rest (nearly half
 * the requests were refused as unauthenticated before anything else was looked at); the generators name their edge
 * values themselves (0, -0, 2^63, "", 1 MiB + 1 ...). The statistics of each property (status, caller) are in the
 * failsafe report's output file.
 */
class InputFuzzIT {

    static final String SEED = "20261202";
    static final int TRIES = 2000;
    static final int PROPERTIES = 5;

    private static final List<String> WATCHED_CONTAINERS = List.of(ContainerLayout.RESERVATIONS,
            ContainerLayout.ACCOUNTS, ContainerLayout.TICKETS, ContainerLayout.NOTIFICATIONS,
            ContainerLayout.RESERVATION_VIEW);
    private static final Set<String> APPS = Set.of("reserve", "pay", "issue-ticket", "notify", "reservation-view");
    private static final List<String> DEAD_LETTER_SUBSCRIPTIONS = List.of("reserve", "pay", "issue-ticket", "notify");
    private static final Pattern CORRELATION_ID = Pattern.compile("[A-Za-z0-9._-]{1,64}");
    private static final int ONE_MIB = 1 << 20;
    private static final int PLATFORM_BODY_LIMIT = 16 * 1024;

    private static LocalHostRuntime host;
    private static Api api;
    private static Caller self;
    private static Caller operator;
    private static int messagesBefore;
    private static Map<String, String> feedPositionsBefore;
    private static long started;
    private static final AtomicInteger REQUESTS = new AtomicInteger();
    private static final Set<String> OPERATIONS_HIT = ConcurrentHashMap.newKeySet();

    // --- what a request is made of, and what each part alone would get --------------------------------------------

    /** An answer a bad part gets: a status, and for a 400 the field the problem names. */
    record Outcome(int status, String field) {

        static final Outcome UNAUTHENTICATED = new Outcome(401, null);
        static final Outcome FORBIDDEN = new Outcome(403, null);
        static final Outcome NOT_FOUND = new Outcome(404, null);
        static final Outcome TOO_LARGE = new Outcome(413, null);

        static Outcome invalid(String field) {
            return new Outcome(400, field);
        }

        @Override
        public String toString() {
            return field == null ? Integer.toString(status) : status + " naming " + field;
        }
    }

    /** A part of a request: its value, a short label for the statistics, and what it alone would get. */
    record Part<T>(T value, String label, Set<Outcome> outcomes) {

        static <T> Part<T> fine(T value, String label) {
            return new Part<>(value, label, Set.of());
        }

        static <T> Part<T> bad(T value, String label, Outcome... outcomes) {
            return new Part<>(value, label, Set.of(outcomes));
        }
    }

    /** Who calls: signed in (a user id) or not, and the headers that say so. */
    record Caller(String label, String userId, boolean admin, List<Header> headers) {

        boolean signedIn() {
            return userId != null;
        }

        Set<Outcome> refusal() {
            return signedIn() ? Set.of() : Set.of(Outcome.UNAUTHENTICATED);
        }

        @Override
        public String toString() {
            return label;
        }
    }

    /** One request and what may answer it; {@code expected} null means anything below 500 the document allows. */
    record Case(String label, String method, String target, List<Header> headers, byte[] body, Set<Outcome> expected) {

        @Override
        public String toString() {
            String shownBody = body == null ? "(no body)"
                    : RawHttp.escape(new String(body, StandardCharsets.UTF_8));
            return method + " " + target + "\n    " + headers.stream().map(Header::toString)
                    .collect(Collectors.joining("\n    ")) + "\n    body: " + shownBody + "\n    expected: "
                    + (expected == null ? "anything below 500" : expected) + " [" + label + "]";
        }
    }

    private static final class CaseBuilder {
        private final String method;
        private final String target;
        private final List<Header> headers = new ArrayList<>();
        private final Set<Outcome> expected = new LinkedHashSet<>();
        private final List<String> labels = new ArrayList<>();
        private byte[] body;

        CaseBuilder(String method, String target) {
            this.method = method;
            this.target = target;
        }

        CaseBuilder caller(Caller caller) {
            headers.addAll(caller.headers());
            expected.addAll(caller.refusal());
            labels.add(caller.label());
            return this;
        }

        CaseBuilder part(Part<?> part) {
            expected.addAll(part.outcomes());
            labels.add(part.label());
            return this;
        }

        CaseBuilder headers(Part<List<Header>> part) {
            headers.addAll(part.value());
            return part(part);
        }

        CaseBuilder body(Part<byte[]> part) {
            body = part.value();
            headers.add(Header.of("Content-Type", "application/json"));
            return part(part);
        }

        CaseBuilder expect(Set<Outcome> outcomes) {
            expected.addAll(outcomes);
            return this;
        }

        /** The request; one whose parts are all fine is valid input, which this test never sends (empty). */
        Optional<Case> build() {
            return expected.isEmpty() ? Optional.empty() : Optional.of(new Case(String.join(", ", labels), method,
                    target, List.copyOf(headers), body, Set.copyOf(expected)));
        }
    }

    // --- the properties -------------------------------------------------------------------------------------------

    @BeforeContainer
    static void startAndRememberTheState() {
        host = SharedLocalHost.get();
        api = new Api(host.baseUri());
        String run = UUID.randomUUID().toString().substring(0, 8);
        String customer = "fz-" + run;
        String admin = "fz-op-" + run;
        self = new Caller("self", customer, false,
                List.of(Header.of("X-ZUMO-AUTH", api.signIn(customer, "[]"))));
        operator = new Caller("operator", admin, true,
                List.of(Header.of("X-ZUMO-AUTH", api.signIn(admin, "[\"admin\"]"))));
        awaitNothingPending();
        messagesBefore = host.topic().acceptedMessages().size();
        feedPositionsBefore = feedPositions();
        started = System.nanoTime();
    }

    @AfterContainer
    static void nothingWasStoredOrSentAndEveryRouteWasHit() {
        long millis = (System.nanoTime() - started) / 1_000_000;
        System.out.printf("InputFuzzIT: %d requests in %.1f s, seed %s%n", REQUESTS.get(), millis / 1000.0, SEED);
        Set<String> silent = ApiContract.shared().operations().stream().map(Operation::operationId)
                .collect(Collectors.toCollection(TreeSet::new));
        silent.removeAll(OPERATIONS_HIT);
        assertThat(silent).as("operations of the OpenAPI document no generated request reached").isEmpty();

        awaitNothingPending();
        assertThat(host.topic().acceptedMessages()).as("messages the topic accepted during the fuzzing")
                .hasSize(messagesBefore);
        Map<String, String> after = feedPositions();
        for (String container : WATCHED_CONTAINERS) {
            List<JsonNode> changed = new ArrayList<>(host.store().container(container)
                    .readChanges(feedPositionsBefore.get(container), 100).documents());
            assertThat(changed).as("documents written to %s during the fuzzing", container).isEmpty();
            assertThat(after.get(container)).isEqualTo(feedPositionsBefore.get(container));
        }
        assertThat(api.as(self.userId()).get("/api/accounts/" + self.userId()).status())
                .as("the fuzzing customer's account was never opened").isEqualTo(404);
        assertThat(api.as(operator.userId()).get("/api/accounts/" + operator.userId()).status())
                .as("the fuzzing operator's account was never opened").isEqualTo(404);
    }

    @Property(tries = TRIES, seed = SEED, shrinking = ShrinkingMode.BOUNDED, edgeCases = EdgeCasesMode.NONE)
    void depositsRefuseBadInput(@ForAll("deposits") Case request) {
        check(request);
    }

    @Property(tries = TRIES, seed = SEED, shrinking = ShrinkingMode.BOUNDED, edgeCases = EdgeCasesMode.NONE)
    void reservationsRefuseBadInput(@ForAll("reservations") Case request) {
        check(request);
    }

    @Property(tries = TRIES, seed = SEED, shrinking = ShrinkingMode.BOUNDED, edgeCases = EdgeCasesMode.NONE)
    void readsRefuseBadInput(@ForAll("reads") Case request) {
        check(request);
    }

    @Property(tries = TRIES, seed = SEED, shrinking = ShrinkingMode.BOUNDED, edgeCases = EdgeCasesMode.NONE)
    void operatorAndSignInRoutesRefuseBadInput(@ForAll("operatorAndSignIn") Case request) {
        check(request);
    }

    @Property(tries = TRIES, seed = SEED, shrinking = ShrinkingMode.BOUNDED, edgeCases = EdgeCasesMode.NONE)
    void everyRouteWithOddHeadersAndNoValidSignIn(@ForAll("everyRoute") Case request) {
        check(request);
    }

    private static void check(Case request) {
        RawHttp.Response response;
        try {
            response = RawHttp.exchange(host.baseUri().getPort(), request.method(), request.target(),
                    request.headers(), request.body());
        } catch (IOException e) {
            throw new AssertionError("no answer to " + request + ": " + e, e);
        }
        REQUESTS.incrementAndGet();
        String path = java.net.URI.create(request.target()).getPath();
        ApiContract.shared().find(request.method(), path).ifPresent(o -> OPERATIONS_HIT.add(o.operationId()));
        Statistics.label("status").collect(response.status());
        Statistics.label("caller").collect(request.label().split(", ")[0]);

        assertThat(response.status()).as("never a 5xx: %s\n  answer: %s", request, response.body()).isLessThan(500);
        List<String> violations = ApiContract.shared().violations(request.method(), path, response.status(),
                response.headers(), response.body());
        assertThat(violations).as("the answer to %s", request).isEmpty();
        String correlationId = response.header("x-correlation-id");
        if (correlationId != null) {
            assertThat(correlationId).as("the correlation id echoed to %s", request).matches(CORRELATION_ID);
        }
        if (request.expected() == null) {
            return;
        }
        Set<Integer> statuses = request.expected().stream().map(Outcome::status).collect(Collectors.toSet());
        assertThat(response.status()).as("%s\n  answer: %s", request, response.body()).isIn(statuses);
        if (response.status() >= 400) {
            assertThat(response.header("content-type")).as("%s", request).isEqualTo("application/problem+json");
        }
        if (response.status() == 400) {
            Set<String> fields = request.expected().stream().filter(o -> o.status() == 400).map(Outcome::field)
                    .collect(Collectors.toSet());
            JsonNode problem = readJson(response.body());
            String named = problem.path("errors").path(0).path("field").asText();
            assertThat(named).as("the field the 400 names, for %s\n  answer: %s", request, response.body())
                    .isIn(fields);
            assertThat(problem.path("detail").asText()).as("the problem's detail").contains(named);
        }
    }

    // --- generators of requests per route group ---------------------------------------------------------------------

    @Provide
    Arbitrary<Case> deposits() {
        return Combinators.combine(callers(), userIdsInPath(), depositBodies(), depositKeys(), sites(),
                noise()).as((caller, userId, body, key, site, noise) -> {
                    CaseBuilder request = new CaseBuilder("POST", "/api/accounts/" + encode(userId.value())
                            + "/deposits").caller(caller).part(userId).body(body).headers(key).headers(site)
                            .headers(noise);
                    if (caller.signedIn() && UserId.isValid(userId.value())
                            && !userId.value().equals(caller.userId())) {
                        request.expect(Set.of(Outcome.FORBIDDEN));
                    }
                    return request.build();
                }).filter(Optional::isPresent).map(Optional::get);
    }

    @Provide
    Arbitrary<Case> reservations() {
        Arbitrary<Optional<Case>> reserve = Combinators.combine(callers(), reserveBodies(), reservationKeys(), sites(),
                noise()).as((caller, body, key, site, noise) -> {
                    CaseBuilder request = new CaseBuilder("POST", "/api/reservations").caller(caller)
                            .body(body.value().body()).headers(key).headers(site).headers(noise);
                    String named = body.value().namedUser();
                    if (caller.signedIn() && named != null && !named.equals(caller.userId())) {
                        request.expect(Set.of(Outcome.FORBIDDEN));
                    }
                    return request.build();
                });
        Arbitrary<Optional<Case>> get = Combinators.combine(callers(), reservationIds(), noise())
                .as((caller, id, noise) -> new CaseBuilder("GET", "/api/reservations/" + encode(id.value()))
                        .caller(caller).part(id).headers(noise).build());
        Arbitrary<Optional<Case>> cancel = Combinators.combine(callers(), reservationIds(), sites(), anyBodies(), noise())
                .as((caller, id, site, body, noise) -> new CaseBuilder("POST",
                        "/api/reservations/" + encode(id.value()) + "/cancel").caller(caller).part(id).headers(site)
                        .body(body).headers(noise).build());
        return Arbitraries.frequencyOf(Tuple.of(5, reserve), Tuple.of(2, get), Tuple.of(3, cancel))
                .filter(Optional::isPresent).map(Optional::get);
    }

    @Provide
    Arbitrary<Case> reads() {
        Arbitrary<Optional<Case>> account = Combinators.combine(callers(), userIdsInPath(), Arbitraries.of("", "/statement"),
                noise()).as((caller, userId, which, noise) -> {
                    CaseBuilder request = new CaseBuilder("GET", "/api/accounts/" + encode(userId.value()) + which)
                            .caller(caller).part(userId).headers(noise);
                    request.expect(readOutcome(caller, userId.value(), true));
                    return request.build();
                });
        Arbitrary<Optional<Case>> list = Combinators.combine(callers(), Arbitraries.of("reservations", "notifications"),
                userIdQueries(), noise()).as((caller, what, query, noise) -> {
                    CaseBuilder request = new CaseBuilder("GET", "/api/" + what + query.value().query())
                            .caller(caller).part(query).headers(noise);
                    if (query.value().userId() != null) {
                        request.expect(readOutcome(caller, query.value().userId(), false));
                    }
                    return request.build();
                });
        Arbitrary<Optional<Case>> deadLetters = Combinators.combine(callers(), Arbitraries.of(DEAD_LETTER_SUBSCRIPTIONS),
                deadLetterQueries(), noise()).as((caller, subscription, query, noise) -> {
                    CaseBuilder request = new CaseBuilder("GET", "/api/ops/dead-letters/" + subscription
                            + query.value()).caller(caller).part(query).headers(noise);
                    if (caller.signedIn() && !caller.admin()) {
                        request.expect(Set.of(Outcome.FORBIDDEN));
                    }
                    return request.build();
                });
        return Arbitraries.frequencyOf(Tuple.of(4, account), Tuple.of(4, list), Tuple.of(2, deadLetters))
                .filter(Optional::isPresent).map(Optional::get);
    }

    @Provide
    Arbitrary<Case> operatorAndSignIn() {
        Arbitrary<Optional<Case>> resubmit = Combinators.combine(callers(), Arbitraries.of(DEAD_LETTER_SUBSCRIPTIONS),
                resubmitBodies(), sites(), noise()).as((caller, subscription, body, site, noise) -> {
                    CaseBuilder request = new CaseBuilder("POST", "/api/ops/dead-letters/" + subscription
                            + "/resubmit").caller(caller).body(body).headers(site).headers(noise);
                    if (caller.signedIn() && !caller.admin()) {
                        request.expect(Set.of(Outcome.FORBIDDEN));
                    }
                    return request.build();
                });
        Arbitrary<Optional<Case>> signIn = Combinators.combine(signInBodies(), sites(), noise())
                .as((body, site, noise) -> new CaseBuilder("POST", "/.auth/login/dev").body(body).headers(site)
                        .headers(noise).build());
        Arbitrary<Optional<Case>> adminViews = Combinators.combine(callers(),
                Arbitraries.of("/admin/functions", "/admin/status", "/admin/parked-outbox"), noise())
                .as((caller, path, noise) -> {
                    CaseBuilder request = new CaseBuilder("GET", path).caller(caller).headers(noise);
                    if (caller.signedIn() && !caller.admin()) {
                        request.expect(Set.of(Outcome.FORBIDDEN));
                    }
                    return request.build();
                });
        Arbitrary<Optional<Case>> adminSwitch = Combinators.combine(callers(), switchApps(),
                Arbitraries.oneOf(Arbitraries.of("unavailable", "available", "failing", "healthy"), oddStrings()
                        .filter(InputFuzzIT::fitsAPathSegment)), sites(), noise())
                .as((caller, app, change, site, noise) -> {
                    CaseBuilder request = new CaseBuilder("POST", "/admin/apps/" + encode(app) + "/" + encode(change))
                            .caller(caller).headers(site).headers(noise);
                    if (caller.admin() && APPS.contains(app)) {
                        // an operator switching a real app changes the host: never sent
                        return Optional.<Case>empty();
                    }
                    if (caller.signedIn()) {
                        request.expect(caller.admin() ? Set.of(Outcome.NOT_FOUND) : Set.of(Outcome.FORBIDDEN));
                    }
                    return request.build();
                });
        return Arbitraries.frequencyOf(Tuple.of(4, resubmit), Tuple.of(3, signIn), Tuple.of(1, adminViews),
                Tuple.of(2, adminSwitch)).filter(Optional::isPresent).map(Optional::get);
    }

    /**
     * Every operation of the document, with its route values filled in as a valid request would have them, odd values
     * in every header a client may send, and no valid sign-in: garbage or forged credentials, or none. What needs a
     * sign-in is 401; what does not (the page, the document, sign-out) answers as it documents; and a state change
     * from another site is 403. One in five requests is a signed-in customer's read with the odd headers: anything
     * the document allows, below 500.
     */
    @Provide
    Arbitrary<Case> everyRoute() {
        List<Operation> operations = ApiContract.shared().operations();
        Arbitrary<Case> refused = Combinators.combine(Arbitraries.of(operations), unauthenticated(), sites(), noise(),
                oddHeaders()).as((operation, caller, site, noise, odd) -> {
                    String target = filled(operation.path());
                    CaseBuilder request = new CaseBuilder(operation.method(), target).caller(caller).headers(noise)
                            .headers(odd);
                    if (operation.method().equals("POST")) {
                        request.body(Part.fine(plausibleBody(operation).getBytes(StandardCharsets.UTF_8), "body"));
                        request.headers(site);
                    }
                    return new Case(caller.label() + ", " + operation.operationId(), operation.method(), target,
                            List.copyOf(request.headers), request.body, expectedWithoutSignIn(operation, caller, site));
                });
        Arbitrary<Case> reads = Combinators.combine(Arbitraries.of(operations.stream()
                .filter(o -> o.method().equals("GET") && !o.operationId().equals("authLogout")).toList()),
                noise(), oddHeaders()).as((operation, noise, odd) -> {
                    List<Header> headers = new ArrayList<>(self.headers());
                    headers.addAll(noise.value());
                    headers.addAll(odd.value());
                    return new Case("self, " + operation.operationId(), "GET", filled(operation.path()), headers,
                            null, null);
                });
        return Arbitraries.frequencyOf(Tuple.of(4, refused), Tuple.of(1, reads));
    }

    private static Set<Outcome> expectedWithoutSignIn(Operation operation, Caller caller, Part<List<Header>> site) {
        boolean badToken = caller.label().startsWith("bad token");
        Set<Outcome> expected = new LinkedHashSet<>();
        switch (operation.operationId()) {
            case "openApiDocument" -> expected.add(new Outcome(200, null));
            case "authLogout" -> {
                expected.add(new Outcome(200, null));
                expected.add(new Outcome(302, null));
            }
            case "authMe" -> expected.add(Outcome.UNAUTHENTICATED);
            case "devSignIn" -> expected.add(Outcome.invalid("userId"));
            case "reservationPage", "localHostPage" -> expected.add(badToken ? Outcome.UNAUTHENTICATED
                    : new Outcome(200, null));
            default -> expected.add(Outcome.UNAUTHENTICATED);
        }
        if (operation.method().equals("POST")) {
            expected.addAll(site.outcomes());
        }
        return expected;
    }

    /** A body the operation would accept from a signed-in caller (the sign-in's lacks its user id). */
    private static String plausibleBody(Operation operation) {
        return switch (operation.operationId()) {
            case "deposit" -> "{\"amount\":10}";
            case "reserve" -> "{\"flightId\":\"KE1\"}";
            case "devSignIn" -> "{\"roles\":[\"admin\"]}";
            default -> operation.operationId().startsWith("resubmit") ? "{\"all\":true}" : "";
        };
    }

    /** The path with its route values as a valid request has them (harmless values for the admin switch). */
    private static String filled(String template) {
        return template.replace("{userId}", self.userId()).replace("{id}", "00000000-0000-4000-8000-00000000f022")
                .replace("{app}", "pay").replace("{switch}", "healthy");
    }

    /** What reading a customer's account (or, {@code account} false, list) gets when its user id is fine. */
    private static Set<Outcome> readOutcome(Caller caller, String userId, boolean account) {
        if (!caller.signedIn() || !UserId.isValid(userId)) {
            return Set.of();
        }
        if (userId.equals(caller.userId())) {
            // the fuzzing customers never get an account; their own lists are valid reads
            return account ? Set.of(Outcome.NOT_FOUND) : Set.of();
        }
        if (!caller.admin()) {
            return Set.of(Outcome.FORBIDDEN);
        }
        // an operator reads anyone's: only ids this test made up are surely unknown
        return account && userId.startsWith("fz-") ? Set.of(Outcome.NOT_FOUND) : Set.of();
    }

    // --- callers -------------------------------------------------------------------------------------------------

    private Arbitrary<Caller> callers() {
        return Arbitraries.frequencyOf(Tuple.of(6, Arbitraries.just(0).map(i -> self)),
                Tuple.of(2, Arbitraries.just(0).map(i -> operator)), Tuple.of(2, unauthenticated()));
    }

    /** Nobody signed in: no credentials, garbage ones, or a principal header a client forged. */
    private Arbitrary<Caller> unauthenticated() {
        Arbitrary<byte[]> garbage = headerValues();
        return Arbitraries.oneOf(
                Arbitraries.just(0).map(i -> new Caller("anonymous", null, false, List.of())),
                garbage.map(g -> new Caller("bad token in X-ZUMO-AUTH", null, false,
                        List.of(new Header("X-ZUMO-AUTH", nonBlank(g))))),
                garbage.map(g -> new Caller("bad token as Bearer", null, false,
                        List.of(new Header("Authorization", concat("Bearer ", nonBlank(g)))))),
                garbage.map(g -> new Caller("other Authorization scheme", null, false,
                        List.of(new Header("Authorization", concat("Basic ", g))))),
                garbage.map(g -> new Caller("stale session cookie", null, false,
                        List.of(new Header("Cookie", concat("AppServiceAuthSession=", nonBlank(g)))))),
                garbage.map(g -> new Caller("garbage X-MS-CLIENT-PRINCIPAL", null, false,
                        List.of(new Header("X-MS-CLIENT-PRINCIPAL", g)))),
                Arbitraries.of(true, false).map(asAdmin -> new Caller("forged X-MS-CLIENT-PRINCIPAL", null, false,
                        List.of(Header.of("X-MS-CLIENT-PRINCIPAL", ClientPrincipal.entra(self.userId(), "mallory",
                                asAdmin ? List.of("admin") : List.of()).encode()),
                                Header.of("X-MS-CLIENT-PRINCIPAL-ID", self.userId()),
                                Header.of("X-MS-CLIENT-PRINCIPAL-NAME", "mallory")))));
    }

    // --- route values, query values, header values -------------------------------------------------------------

    /** A user id for a path: the caller's own, another customer's, or an odd one (some of which are valid ids). */
    private Arbitrary<Part<String>> userIdsInPath() {
        return Arbitraries.frequencyOf(
                Tuple.of(3, Arbitraries.just(0).map(i -> Part.fine(self.userId(), "own userId"))),
                Tuple.of(1, Arbitraries.just(0).map(i -> Part.fine(operator.userId(), "operator's userId"))),
                Tuple.of(2, Arbitraries.strings().alpha().numeric().ofMinLength(1).ofMaxLength(12)
                        .map(s -> Part.fine("fz-" + s, "another userId"))),
                Tuple.of(5, oddStrings().filter(InputFuzzIT::fitsAPathSegment).map(InputFuzzIT::userIdPart)));
    }

    private static Part<String> userIdPart(String value) {
        return UserId.isValid(value) ? Part.fine(value, "odd but valid userId")
                : Part.bad(value, "bad userId", Outcome.invalid("userId"));
    }

    /** What {@code ?userId=} says (null when it is left out), and the query. */
    record UserIdQuery(String query, String userId) {
    }

    private Arbitrary<Part<UserIdQuery>> userIdQueries() {
        Arbitrary<String> values = Arbitraries.frequencyOf(Tuple.of(2, Arbitraries.just(0).map(i -> self.userId())),
                Tuple.of(2, Arbitraries.strings().alpha().ofMinLength(1).ofMaxLength(8).map(s -> "fz-" + s)),
                Tuple.of(6, oddStrings().map(InputFuzzIT::roundTrip)), Tuple.of(1, Arbitraries.just("")));
        Arbitrary<String> extra = Arbitraries.oneOf(Arbitraries.just(""), oddStrings()
                .map(s -> "&" + encode(s) + "=" + encode(s)));
        return Arbitraries.frequencyOf(
                Tuple.of(1, extra.map(e -> Part.fine(new UserIdQuery(e.isEmpty() ? "" : "?x=1" + e, null),
                        "no userId"))),
                Tuple.of(6, Combinators.combine(values, extra, Arbitraries.of(true, false)).as((value, e, twice) -> {
                    String query = "?userId=" + encode(value) + (twice ? "&userId=" + self.userId() : "") + e;
                    return UserId.isValid(value) ? Part.fine(new UserIdQuery(query, value), "userId query")
                            : Part.bad(new UserIdQuery(query, null), "bad userId query", Outcome.invalid("userId"));
                })));
    }

    private Arbitrary<Part<String>> deadLetterQueries() {
        Arbitrary<String> numbers = Arbitraries.oneOf(Arbitraries.longs().map(Object::toString),
                Arbitraries.integers().between(-2, 102).map(Object::toString),
                Arbitraries.of("", " ", "+5", "-0", "1.5", "1e3", "0x10", "9223372036854775808",
                        "-9223372036854775809", "NaN", "５", "1,2", "null"),
                oddStrings());
        return Combinators.combine(Arbitraries.of("from", "max", "both", "neither"), numbers, numbers)
                .as((which, from, max) -> {
                    List<String> query = new ArrayList<>();
                    Set<Outcome> outcomes = new LinkedHashSet<>();
                    if (which.equals("from") || which.equals("both")) {
                        query.add("from=" + encode(from));
                        if (!wholeNumberIn(from, 0, Long.MAX_VALUE)) {
                            outcomes.add(Outcome.invalid("from"));
                        }
                    }
                    if (which.equals("max") || which.equals("both")) {
                        query.add("max=" + encode(max));
                        if (!wholeNumberIn(max, 1, 100)) {
                            outcomes.add(Outcome.invalid("max"));
                        }
                    }
                    String text = query.isEmpty() ? "" : "?" + String.join("&", query);
                    return new Part<>(text, "dead-letter query " + which, outcomes);
                });
    }

    /** What the platform takes as a whole number in range: Long.parseLong of the trimmed value. */
    private static boolean wholeNumberIn(String value, long min, long max) {
        String decoded = roundTrip(value);
        try {
            long number = Long.parseLong(decoded.trim());
            return number >= min && number <= max;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    private Arbitrary<Part<String>> reservationIds() {
        return Arbitraries.frequencyOf(
                Tuple.of(3, uuids().map(u -> Part.bad(u.toString(), "unknown id", Outcome.NOT_FOUND))),
                Tuple.of(1, uuids().map(u -> Part.bad(u.toString().toUpperCase(), "unknown id in capitals",
                        Outcome.NOT_FOUND))),
                Tuple.of(1, Arbitraries.of("00000000-0000-0000-0000-000000000000", "ffffffff-ffff-ffff-ffff-ffffffffffff")
                        .map(s -> Part.bad(s, "unknown id", Outcome.NOT_FOUND))),
                Tuple.of(5, oddStrings().filter(InputFuzzIT::fitsAPathSegment).map(s -> {
                    // a 36-character value UUID.fromString takes is a (surely unknown) id
                    boolean parses = s.length() == 36 && parsesAsUuid(s);
                    return parses ? Part.bad(s, "odd id", Outcome.NOT_FOUND)
                            : Part.bad(s, "bad id", Outcome.invalid("id"));
                })));
    }

    private static Arbitrary<UUID> uuids() {
        return Combinators.combine(Arbitraries.longs(), Arbitraries.longs()).as(UUID::new);
    }

    private static boolean parsesAsUuid(String value) {
        try {
            UUID.fromString(value);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private Arbitrary<String> switchApps() {
        return Arbitraries.oneOf(Arbitraries.of(APPS), Arbitraries.strings().withCharRange('a', 'z').withChars('-')
                .ofMinLength(1).ofMaxLength(20), oddStrings().filter(InputFuzzIT::fitsAPathSegment));
    }

    /** Odd strings: Unicode, controls, injection-like text, numbers as text, long ones; some are valid ids. */
    private static Arbitrary<String> oddStrings() {
        return Arbitraries.frequencyOf(
                Tuple.of(4, Arbitraries.of(ODD)),
                Tuple.of(2, Arbitraries.strings().all().ofMinLength(1).ofMaxLength(40)),
                Tuple.of(2, Arbitraries.strings().withCharRange('a', 'z').numeric().withChars("._-")
                        .ofMinLength(1).ofMaxLength(70)),
                Tuple.of(2, Arbitraries.strings().withChars(" <>'\";{}$%\\&|`!*()[]#,=:+@^~\u00e9\u00fc\u4e2d\u0000"
                        + "\t\u000b\u007f\u0085\u00a0\u200b\u202e\u2028\ufeff\ud83d\ude00").ofMinLength(1).ofMaxLength(24)),
                Tuple.of(1, Combinators.combine(Arbitraries.of(ODD), Arbitraries.of(ODD)).as((a, b) -> a + b)))
                .map(InputFuzzIT::roundTrip);
    }

    private static final List<String> ODD = List.of(" ", "a b", "ew ", "\tew", "é", "ñandú", "İstanbul", "straße",
            "日本語", "한국어", "😀", "👨‍👩‍👧", "\u202Eevil", "zero\u200Bwidth", "e\u0301", "\uFEFFbom", "nul\u0000byte",
            "bell\u0007", "esc\u001b[31m", "del\u007f", "nel\u0085", "line\u2028sep", "null", "undefined", "NaN",
            "Infinity", "-1", "0", "-0", "1e400", "9223372036854775808", "' OR '1'='1", "\"; DROP TABLE accounts; --",
            "<script>alert(1)</script>", "${jndi:ldap://127.0.0.1/a}", "{{7*7}}", "#{7*7}", "../../etc/passwd",
            "..\\..\\boot.ini", "..", ".", "%00", "%2e%2e%2f", "%0d%0aSet-Cookie: x=1", "\\r\\nX-Injected: 1",
            "{\"$gt\":\"\"}", "SELECT * FROM c", "admin", "x".repeat(65), "y".repeat(300), "a,b", "a;b", "a=b",
            "\\", "\"", "'", "`id`", "$(id)", "|id", "&", "+", "~", "*", "?", "#", "KE1\u0000", "KE-1 ", "K");

    /** Header values as bytes: odd strings in UTF-8, or raw bytes (obs-text, controls), never CR or LF. */
    private static Arbitrary<byte[]> headerValues() {
        return Arbitraries.oneOf(oddStrings().map(s -> s.getBytes(StandardCharsets.UTF_8)),
                Arbitraries.bytes().array(byte[].class).ofMinSize(1).ofMaxSize(40))
                .map(InputFuzzIT::withoutLineBreaks);
    }

    private static byte[] withoutLineBreaks(byte[] value) {
        byte[] copy = value.clone();
        for (int i = 0; i < copy.length; i++) {
            if (copy[i] == '\r' || copy[i] == '\n') {
                copy[i] = '_';
            }
        }
        return copy;
    }

    private static byte[] nonBlank(byte[] value) {
        return concat("t", value);
    }

    private static byte[] concat(String prefix, byte[] value) {
        byte[] head = prefix.getBytes(StandardCharsets.ISO_8859_1);
        byte[] all = Arrays.copyOf(head, head.length + value.length);
        System.arraycopy(value, 0, all, head.length, value.length);
        return all;
    }

    /** Headers that must not matter: odd values in the ones a client may send, and in made-up ones. */
    private Arbitrary<Part<List<Header>>> noise() {
        Arbitrary<Header> header = Combinators.combine(Arbitraries.of("x-correlation-id", "Accept",
                "Accept-Language", "User-Agent", "Referer", "X-Forwarded-For", "Forwarded", "X-Original-URL",
                "X-HTTP-Method-Override", "If-None-Match", "Accept-Charset", "X-Fuzz"), headerValues())
                .as(Header::new);
        return header.list().ofMaxSize(3).map(list -> Part.fine(list, "noise"));
    }

    /** In the every-route property: an odd Idempotency-Key, Content-Type or correlation id, or none. */
    private Arbitrary<Part<List<Header>>> oddHeaders() {
        return Combinators.combine(Arbitraries.of("Idempotency-Key", "Content-Type", "x-correlation-id",
                "Cookie", "Accept-Encoding"), headerValues()).as(Header::new).list().ofMaxSize(2)
                .map(list -> Part.fine(list, "odd headers"));
    }

    /** Where a state change comes from: a client that is not a browser, the page itself, or another site. */
    private Arbitrary<Part<List<Header>>> sites() {
        return Arbitraries.frequencyOf(
                Tuple.of(10, Arbitraries.just(0).map(i -> Part.<List<Header>>fine(List.of(), "no browser"))),
                Tuple.of(2, Arbitraries.of("same-origin", "none").map(s -> Part.<List<Header>>fine(
                        List.of(Header.of("Sec-Fetch-Site", s)), "same origin"))),
                Tuple.of(1, Arbitraries.of("cross-site", "same-site").map(s -> Part.<List<Header>>bad(
                        List.of(Header.of("Sec-Fetch-Site", s)), "cross-site", Outcome.FORBIDDEN))),
                Tuple.of(1, Arbitraries.of("https://evil.example", "null", "http://localhost:1").map(o ->
                        Part.<List<Header>>bad(List.of(Header.of("Origin", o)), "foreign origin", Outcome.FORBIDDEN))));
    }

    private Arbitrary<Part<List<Header>>> depositKeys() {
        return Arbitraries.frequencyOf(
                Tuple.of(3, Arbitraries.just(0).map(i -> Part.<List<Header>>fine(List.of(), "no key"))),
                Tuple.of(1, Arbitraries.strings().alpha().numeric().withChars("._-").ofMinLength(1).ofMaxLength(64)
                        .map(k -> Part.<List<Header>>fine(List.of(Header.of("Idempotency-Key", k)), "key"))),
                Tuple.of(2, headerValues().filter(v -> !keyLike(v, "[A-Za-z0-9._-]{1,64}"))
                        .map(v -> Part.<List<Header>>bad(List.of(new Header("Idempotency-Key", v)), "bad key",
                                Outcome.invalid("Idempotency-Key")))),
                Tuple.of(1, Arbitraries.just(0).map(i -> Part.<List<Header>>bad(List.of(Header.of("Idempotency-Key",
                        "k-1"), Header.of("Idempotency-Key", "k-2")), "two keys", Outcome.invalid("Idempotency-Key")))));
    }

    private Arbitrary<Part<List<Header>>> reservationKeys() {
        return Arbitraries.frequencyOf(
                Tuple.of(3, Arbitraries.just(0).map(i -> Part.<List<Header>>fine(List.of(), "no key"))),
                Tuple.of(2, headerValues().filter(v -> !keyLike(v, "[\\x20-\\x7e]{1,128}"))
                        .map(v -> Part.<List<Header>>bad(List.of(new Header("Idempotency-Key", v)), "bad key",
                                Outcome.invalid("Idempotency-Key")))));
    }

    /**
     * Whether a key could pass as valid once the server has read it: trimmed, so it is judged on the value without
     * the surrounding blanks (or, blank, left to be "fine" rather than guessed at).
     */
    private static boolean keyLike(byte[] value, String rule) {
        String read = new String(value, StandardCharsets.ISO_8859_1).trim();
        return read.isEmpty() || read.matches(rule) || !new String(value, StandardCharsets.ISO_8859_1).equals(
                new String(value, StandardCharsets.ISO_8859_1).strip());
    }

    // --- bodies ---------------------------------------------------------------------------------------------------

    private static Part<byte[]> text(String body, String label, Outcome... outcomes) {
        return new Part<>(body.getBytes(StandardCharsets.UTF_8), label, Set.of(outcomes));
    }

    private Arbitrary<Part<byte[]>> depositBodies() {
        Arbitrary<String> extras = extraFields();
        Arbitrary<Part<byte[]>> fine = Combinators.combine(Arbitraries.longs().between(1, 1_000_000), extras,
                Arbitraries.of("", "\n", " \r\n\t")).as((n, extra, space) -> text("{\"amount\":" + n + extra + "}"
                        + space, "good amount"));
        Arbitrary<String> badAmounts = Arbitraries.oneOf(Arbitraries.of(BAD_AMOUNTS),
                Arbitraries.longs().lessOrEqual(0).map(Object::toString),
                Arbitraries.longs().greaterOrEqual(1_000_001).map(Object::toString),
                Arbitraries.bigIntegers().between(new java.math.BigInteger("9223372036854775808"),
                        java.math.BigInteger.TEN.pow(40)).map(Object::toString),
                Arbitraries.doubles().map(d -> Double.toString(d)),
                oddStrings().map(InputFuzzIT::jsonString));
        Arbitrary<Part<byte[]>> badAmount = Combinators.combine(badAmounts, extras)
                .as((amount, extra) -> text("{\"amount\":" + amount + extra + "}", "bad amount",
                        Outcome.invalid("amount")));
        Arbitrary<Part<byte[]>> noAmount = extras.map(extra -> text("{" + (extra.isEmpty() ? "\"amt\":5"
                : extra.substring(1)) + "}", "no amount", Outcome.invalid("amount")));
        return Arbitraries.frequencyOf(Tuple.of(3, fine), Tuple.of(5, badAmount), Tuple.of(1, noAmount),
                Tuple.of(5, brokenBodies("{\"amount\":5}", "amount")));
    }

    private static final List<String> BAD_AMOUNTS = List.of("0", "-0", "-1", "0.0", "-0.0", "1000001",
            "9223372036854775807", "-9223372036854775808", "9223372036854775808", "-9223372036854775809",
            "18446744073709551616", "1e400", "-1e400", "1e2", "1E+2", "1.5", "100.0", "\"100\"", "\"\"", "null", "true",
            "false", "[]", "[100]", "{}", "{\"value\":100}", "\"1e400\"", "\"NaN\"", "1" + "0".repeat(30),
            "0.0000001", "4.9e-324");

    private static final Set<String> FIELDS = Set.of("amount", "userId", "flightId", "roles", "all",
            "sequenceNumbers");

    /** Fields no schema asks for, each once, as {@code ,"name":value} (or nothing). */
    private static Arbitrary<String> extraFields() {
        Arbitrary<Tuple.Tuple2<String, String>> one = Combinators.combine(oddStrings().filter(s -> !FIELDS.contains(s)),
                Arbitraries.of("null", "1", "-1", "true", "\"x\"", "[]", "{}", "{\"a\":[1,{\"b\":null}]}", "1e400"))
                .as(Tuple::of);
        return one.list().ofMaxSize(4).map(list -> {
            Map<String, String> fields = new LinkedHashMap<>();
            list.forEach(field -> fields.putIfAbsent(field.get1(), field.get2()));
            return fields.entrySet().stream().map(e -> "," + jsonString(e.getKey()) + ":" + e.getValue())
                    .collect(Collectors.joining());
        });
    }

    /**
     * Bodies wrong as a whole: not JSON, not an object, text after the object, a field twice, too deep, too long
     * (over the platform's 16 KiB: 400; over the host's 1 MiB: 413). {@code good} is a body that would be accepted,
     * {@code field} the field a value may be blamed on when the parser gives up inside it.
     */
    private static Arbitrary<Part<byte[]>> brokenBodies(String good, String field) {
        String inner = good.substring(1, good.length() - 1);
        String name = inner.substring(0, inner.indexOf(':'));
        Arbitrary<Part<byte[]>> malformed = Arbitraries.of("", " ", "\n\t", "null", "[]", "[" + good + "]",
                "\"" + name.replace("\"", "") + "\"", "5", "true", "{", "}", "{" + name + ":}", good.substring(0,
                        good.length() - 1), "{'" + name.replace("\"", "") + "':5}", "{" + name.replace("\"", "") + ":5}",
                "{" + inner + ",}", "{" + name + ":05}", "{" + name + ":+5}", "{" + name + ":NaN}",
                "{" + name + ":Infinity}", "/*c*/" + good, good + "//c", "{" + name + ":\"\u0001\"}", "\uFEFF" + good,
                good.replace(":", "="), good.replace("\"", "'"), good + "x", good + "{}", good + " " + good,
                good + "]", good + ",", good + "\u0000", "{" + inner + "," + inner + "}",
                "{" + name + ":null," + inner + "}", "{" + inner + "," + name + ":-1}")
                .map(b -> text(b, "malformed body", Outcome.invalid("body")));
        Arbitrary<Part<byte[]>> garbage = Arbitraries.strings().all().ofMaxLength(60)
                .map(b -> text(b, "garbage body", Outcome.invalid("body"), Outcome.invalid(field)));
        Arbitrary<Part<byte[]>> badUtf8 = Arbitraries.of(new byte[] {(byte) 0xff}, new byte[] {(byte) 0xc3},
                new byte[] {(byte) 0xed, (byte) 0xa0, (byte) 0x80}, new byte[] {(byte) 0xc0, (byte) 0xaf})
                .map(bad -> new Part<>(concat(good.substring(0, 1), bytesThen(bad, inner + "}")), "bad UTF-8",
                        Set.of(Outcome.invalid("body"))));
        Arbitrary<Part<byte[]>> deep = Arbitraries.integers().between(500, 5000).map(depth -> text("{" + name + ":"
                + "[".repeat(depth) + "]".repeat(depth) + "}", "deep nesting", Outcome.invalid("body"),
                Outcome.invalid(field)));
        Arbitrary<Part<byte[]>> longNumber = Arbitraries.integers().between(900, 6000).map(digits -> text("{" + name
                + ":1" + "0".repeat(digits) + "}", "long number", Outcome.invalid("body"), Outcome.invalid(field)));
        Arbitrary<Part<byte[]>> overPlatform = Arbitraries.integers().between(PLATFORM_BODY_LIMIT,
                PLATFORM_BODY_LIMIT * 8).map(n -> text("{" + inner + ",\"pad\":\"" + "x".repeat(n) + "\"}",
                        "over 16 KiB", Outcome.invalid("body")));
        Arbitrary<Part<byte[]>> overHost = Arbitraries.integers().between(ONE_MIB, ONE_MIB + ONE_MIB / 2)
                .map(n -> text("{" + inner + ",\"pad\":\"" + "x".repeat(n) + "\"}", "over 1 MiB", Outcome.TOO_LARGE));
        return Arbitraries.frequencyOf(Tuple.of(30, malformed), Tuple.of(6, garbage), Tuple.of(3, badUtf8),
                Tuple.of(3, deep), Tuple.of(3, longNumber), Tuple.of(4, overPlatform), Tuple.of(1, overHost));
    }

    private static byte[] bytesThen(byte[] head, String rest) {
        return concatBytes(head, rest.getBytes(StandardCharsets.UTF_8));
    }

    private static byte[] concatBytes(byte[] head, byte[] rest) {
        byte[] all = Arrays.copyOf(head, head.length + rest.length);
        System.arraycopy(rest, 0, all, head.length, rest.length);
        return all;
    }

    /** A reservation's body and whom it names ({@code userId}, null when it names nobody or nobody valid). */
    record ReserveBody(Part<byte[]> body, String namedUser) {
    }

    private Arbitrary<Part<ReserveBody>> reserveBodies() {
        Arbitrary<Part<String>> userIds = Arbitraries.frequencyOf(
                Tuple.of(4, Arbitraries.just(0).map(i -> Part.fine((String) null, "no userId"))),
                Tuple.of(1, Arbitraries.just(0).map(i -> Part.fine("null", "userId null"))),
                Tuple.of(2, Arbitraries.just(0).map(i -> Part.fine(jsonString(self.userId()), "own userId"))),
                Tuple.of(1, Arbitraries.strings().alpha().ofMinLength(1).ofMaxLength(8)
                        .map(s -> Part.fine(jsonString("fz-" + s), "another userId"))),
                Tuple.of(2, Arbitraries.of("1", "true", "{}", "[]", "[\"" + "x" + "\"]", "\"\"")
                        .map(v -> Part.bad(v, "userId of a wrong type", Outcome.invalid("userId")))),
                Tuple.of(3, oddStrings().map(s -> UserId.isValid(s) ? Part.fine(jsonString(s), "odd but valid userId")
                        : Part.bad(jsonString(s), "bad userId", Outcome.invalid("userId")))));
        Arbitrary<Part<String>> flightIds = Arbitraries.frequencyOf(
                Tuple.of(3, Arbitraries.integers().between(1, 9999).map(n -> Part.fine("\"KE" + n + "\"", "flight"))),
                Tuple.of(1, Arbitraries.just(0).map(i -> Part.bad((String) null, "no flightId",
                        Outcome.invalid("flightId")))),
                Tuple.of(2, Arbitraries.of("null", "1", "123", "true", "{}", "[]", "[\"KE1\"]", "\"\"", "1e400")
                        .map(v -> Part.bad(v, "flightId of a wrong type", Outcome.invalid("flightId")))),
                Tuple.of(4, oddStrings().map(s -> FlightId.isValid(s) ? Part.fine(jsonString(s), "odd but valid flight")
                        : Part.bad(jsonString(s), "bad flightId", Outcome.invalid("flightId")))));
        Arbitrary<Part<ReserveBody>> fields = Combinators.combine(userIds, flightIds, extraFields())
                .as((userId, flightId, extra) -> {
                    List<String> parts = new ArrayList<>();
                    if (userId.value() != null) {
                        parts.add("\"userId\":" + userId.value());
                    }
                    if (flightId.value() != null) {
                        parts.add("\"flightId\":" + flightId.value());
                    }
                    String text = "{" + String.join(",", parts) + (parts.isEmpty() && !extra.isEmpty()
                            ? extra.substring(1) : extra) + "}";
                    Set<Outcome> outcomes = new LinkedHashSet<>(userId.outcomes());
                    outcomes.addAll(flightId.outcomes());
                    String named = userId.value() == null || !userId.outcomes().isEmpty() || userId.value().equals("null")
                            ? null : readJson(userId.value()).asText();
                    Part<byte[]> body = new Part<>(text.getBytes(StandardCharsets.UTF_8),
                            userId.label() + ", " + flightId.label(), outcomes);
                    return new Part<>(new ReserveBody(body, named), body.label(), outcomes);
                });
        Arbitrary<Part<ReserveBody>> broken = brokenBodies("{\"flightId\":\"KE1\"}", "flightId")
                .map(b -> new Part<>(new ReserveBody(b, null), b.label(), b.outcomes()));
        return Arbitraries.frequencyOf(Tuple.of(3, fields), Tuple.of(2, broken));
    }

    private Arbitrary<Part<byte[]>> resubmitBodies() {
        Arbitrary<Part<byte[]>> fine = Arbitraries.of("{\"all\":true}", "{\"sequenceNumbers\":[1,2,3]}",
                "{\"sequenceNumbers\":[0]}").map(b -> text(b, "good selection"));
        Arbitrary<Part<byte[]>> badNumbers = Arbitraries.oneOf(
                Arbitraries.of("[]", "5", "\"1\"", "{}", "[-1]", "[1.5]", "[\"1\"]", "[null]", "[9223372036854775808]",
                        "[1e400]", "[true]", "[[1]]", "\"all\""),
                Arbitraries.integers().between(101, 400).map(n -> "[" + "1,".repeat(n - 1) + "1]"),
                Arbitraries.longs().lessOrEqual(-1).map(n -> "[0," + n + "]"))
                .map(numbers -> text("{\"sequenceNumbers\":" + numbers + "}", "bad sequenceNumbers",
                        Outcome.invalid("sequenceNumbers")));
        Arbitrary<Part<byte[]>> badAll = Arbitraries.of("false", "\"true\"", "1", "0", "[]", "{}", "\"yes\"")
                .map(all -> text("{\"all\":" + all + "}", "bad all", Outcome.invalid("all")));
        Arbitrary<Part<byte[]>> neither = extraFields().map(extra -> text("{" + (extra.isEmpty() ? "" : extra.substring(1))
                + "}", "no selection", Outcome.invalid("sequenceNumbers")));
        Arbitrary<Part<byte[]>> both = Arbitraries.of("{\"all\":true,\"sequenceNumbers\":[1]}",
                "{\"sequenceNumbers\":[1],\"all\":true}").map(b -> text(b, "both", Outcome.invalid("body")));
        return Arbitraries.frequencyOf(Tuple.of(2, fine), Tuple.of(4, badNumbers), Tuple.of(2, badAll),
                Tuple.of(1, neither), Tuple.of(1, both), Tuple.of(5, brokenBodies("{\"all\":true}", "all")));
    }

    private Arbitrary<Part<byte[]>> signInBodies() {
        Arbitrary<Part<String>> userIds = Arbitraries.frequencyOf(
                Tuple.of(2, Arbitraries.strings().alpha().ofMinLength(1).ofMaxLength(8)
                        .map(s -> Part.fine("\"fz-in-" + s + "\"", "userId"))),
                Tuple.of(1, Arbitraries.of("null", "1", "true", "{}", "[]", "\"\"")
                        .map(v -> Part.bad(v, "userId of a wrong type", Outcome.invalid("userId")))),
                Tuple.of(1, Arbitraries.just(0).map(i -> Part.bad((String) null, "no userId",
                        Outcome.invalid("userId")))),
                Tuple.of(3, oddStrings().filter(s -> !UserId.isValid(s))
                        .map(s -> Part.bad(jsonString(s), "bad userId", Outcome.invalid("userId")))));
        Arbitrary<Part<String>> roles = Arbitraries.frequencyOf(
                Tuple.of(3, Arbitraries.of("", "\"roles\":[]", "\"roles\":null", "\"roles\":[\"admin\"]")
                        .map(r -> Part.fine(r, "roles"))),
                Tuple.of(3, Arbitraries.oneOf(Arbitraries.of("\"admin\"", "1", "{}", "[1]", "[null]", "[[\"admin\"]]",
                        "[\"a\",\"b\",\"c\",\"d\",\"e\",\"f\",\"g\",\"h\",\"i\",\"j\",\"k\"]"),
                        oddStrings().filter(s -> !s.matches("[A-Za-z0-9._-]{1,64}")).map(s -> "[" + jsonString(s) + "]"))
                        .map(r -> Part.bad("\"roles\":" + r, "bad roles", Outcome.invalid("roles")))));
        Arbitrary<Part<byte[]>> fields = Combinators.combine(userIds, roles, extraFields()).as((userId, role, extra) -> {
            List<String> parts = new ArrayList<>();
            if (userId.value() != null) {
                parts.add("\"userId\":" + userId.value());
            }
            if (!role.value().isEmpty()) {
                parts.add(role.value());
            }
            String text = "{" + String.join(",", parts) + (parts.isEmpty() && !extra.isEmpty() ? extra.substring(1)
                    : extra) + "}";
            Set<Outcome> outcomes = new LinkedHashSet<>(userId.outcomes());
            outcomes.addAll(role.outcomes());
            return new Part<>(text.getBytes(StandardCharsets.UTF_8), userId.label() + ", " + role.label(), outcomes);
        });
        return Arbitraries.frequencyOf(Tuple.of(3, fields), Tuple.of(2, brokenBodies("{\"userId\":\"fz-x\"}",
                "userId")));
    }

    /** Any body at all, for a route that reads none (cancel): only its size can matter. */
    private Arbitrary<Part<byte[]>> anyBodies() {
        return Arbitraries.frequencyOf(
                Tuple.of(5, Arbitraries.strings().all().ofMaxLength(50).map(b -> text(b, "some body"))),
                Tuple.of(1, Arbitraries.integers().between(ONE_MIB + 1, ONE_MIB + ONE_MIB / 2)
                        .map(n -> text("x".repeat(n), "over 1 MiB", Outcome.TOO_LARGE))));
    }

    // --- helpers --------------------------------------------------------------------------------------------------

    /** What the server sees of a string sent in UTF-8 (a lone surrogate becomes '?'). */
    private static String roundTrip(String value) {
        return new String(value.getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8);
    }

    /** A route value must be one non-empty path segment once decoded. */
    private static boolean fitsAPathSegment(String value) {
        return !value.isEmpty() && !value.contains("/");
    }

    /** Every byte but the unreserved ones percent-encoded, so the host decodes exactly the value. */
    static String encode(String value) {
        StringBuilder out = new StringBuilder();
        for (byte b : value.getBytes(StandardCharsets.UTF_8)) {
            char c = (char) (b & 0xff);
            if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '.'
                    || c == '_' || c == '~') {
                out.append(c);
            } else {
                out.append('%').append(String.format("%02X", (int) c));
            }
        }
        return out.toString();
    }

    private static String jsonString(String value) {
        try {
            return EventCodec.json().writeValueAsString(value);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static JsonNode readJson(String text) {
        try {
            return EventCodec.json().readTree(text);
        } catch (IOException e) {
            throw new AssertionError("not JSON: " + text, e);
        }
    }

    /** Until no message waits, is in flight or is scheduled and every change feed is caught up (at most a minute). */
    private static void awaitNothingPending() {
        long deadline = System.nanoTime() + Duration.ofMinutes(1).toNanos();
        while (!(host.isQuiet() && host.topic().scheduledCount() == 0)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("the host still has work after a minute (" + host.topic().scheduledCount()
                        + " scheduled messages), so what the fuzzing changed could not be told apart");
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted", e);
            }
        }
        host.awaitQuiet(Duration.ofSeconds(30));
    }

    /** Where each watched container's change feed ends now. */
    private static Map<String, String> feedPositions() {
        Map<String, String> positions = new LinkedHashMap<>();
        for (String name : WATCHED_CONTAINERS) {
            DocumentContainer container = host.store().container(name);
            String continuation = null;
            while (true) {
                ChangeFeedPage page = container.readChanges(continuation, 1000);
                if (page.documents().isEmpty() && page.continuation().equals(continuation)) {
                    break;
                }
                continuation = page.continuation();
            }
            positions.put(name, continuation);
        }
        return positions;
    }
}
