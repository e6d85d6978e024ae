package dev.flights.localhost.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.flights.localhost.LocalHostRuntime;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Money moves once per request, with a statement: a deposit retried with its Idempotency-Key is credited once and
 * answered the same, and the statement adds up to the balance at every moment of a saga with rejections and cancels.
 */
class StatementIT {

    private static final long PRICE = 100;
    private static final Set<String> SETTLED = Set.of("TICKETED", "REJECTED", "CANCELLED");

    private final LocalHostRuntime host = SharedLocalHost.get();
    private final Api api = new Api(host.baseUri());

    @Test
    void aDepositSentAgainAndAgainWithOneKeyIsCreditedOnceAndAnsweredTheSame() throws Exception {
        String customer = Api.newCustomer();
        String key = UUID.randomUUID().toString();

        List<Api.Response> answers = concurrently(8, () -> api.deposit(customer, 120, key));
        Api.Response otherAmount = api.deposit(customer, 130, key);
        Api.Response badKey = api.deposit(customer, 120, "not a key");

        assertThat(answers).allSatisfy(a -> assertThat(a.status()).isEqualTo(200));
        assertThat(answers).extracting(Api.Response::body).containsOnly(answers.get(0).body());
        assertThat(answers.get(0).body().path("balance").asLong()).isEqualTo(120);
        assertThat(otherAmount.status()).isEqualTo(409);
        assertThat(otherAmount.header("Content-Type")).isEqualTo("application/problem+json");
        assertThat(otherAmount.body().path("errors").get(0).path("field").asText()).isEqualTo("Idempotency-Key");
        assertThat(badKey.status()).isEqualTo(400);
        assertThat(badKey.body().path("errors").get(0).path("field").asText()).isEqualTo("Idempotency-Key");
        assertThat(api.balance(customer)).isEqualTo(120);
        StatementLines statement = StatementLines.of(api.statement(customer).body()).assertAddsUp(customer);
        assertThat(statement.lines()).singleElement()
                .satisfies(line -> assertThat(line.path("type").asText()).isEqualTo("DEPOSIT"));
    }

    @Test
    void theStatementIsForItsCustomerAndTheOperatorOnly() {
        String customer = Api.newCustomer();
        api.deposit(customer, 70);
        String path = "/api/accounts/" + customer + "/statement";

        Api.Response anonymous = api.anonymous().get(path);
        Api.Response another = api.as(Api.newCustomer()).get(path);
        Api.Response operator = api.get(path);

        assertThat(anonymous.status()).isEqualTo(401);
        assertThat(another.status()).isEqualTo(403);
        assertThat(another.header("Content-Type")).isEqualTo("application/problem+json");
        assertThat(operator.status()).isEqualTo(200);
        assertThat(operator.body()).isEqualTo(api.statement(customer).body());
        assertThat(operator.body().path("balance").asLong()).isEqualTo(70);
    }

    @Test
    void theStatementAddsUpAtEveryMomentOfASagaWithRejectionsAndCancels() throws Exception {
        List<String> customers = List.of(Api.newCustomer(), Api.newCustomer());
        Map<String, Long> deposited = new ConcurrentHashMap<>();
        Map<String, String> owner = new ConcurrentHashMap<>();
        List<StatementLines> seen = new CopyOnWriteArrayList<>();
        AtomicBoolean running = new AtomicBoolean(true);
        Thread reader = new Thread(() -> {
            while (running.get()) {
                for (String customer : customers) {
                    Api.Response statement = api.statement(customer);
                    if (statement.status() == 200) {
                        seen.add(StatementLines.of(statement.body()));
                    }
                }
            }
        });
        reader.start();
        try {
            for (String customer : customers) {
                for (int round = 0; round < 3; round++) {
                    String key = customer + "-round-" + round;
                    // a client that did not hear the first answer sends the deposit again with its key
                    concurrently(2, () -> api.deposit(customer, 150, key));
                    deposited.merge(customer, 150L, Long::sum);
                    List<String> ids = new ArrayList<>();
                    for (int r = 0; r < 3; r++) { // 150 (+ what is left) pays for one or two; the rest are rejected
                        String id = api.reserve(customer, "KE" + (200 + r));
                        owner.put(id, customer);
                        ids.add(id);
                    }
                    api.cancel(ids.get(2)); // at once: cancelled before or after pay charged it
                    JsonNode first = api.awaitReservation(ids.get(0), r -> SETTLED.contains(r.path("status").asText()),
                            "to settle");
                    if (first.path("status").asText().equals("TICKETED")) {
                        api.cancel(ids.get(0)); // charged and ticketed, then refunded
                    }
                }
            }
            awaitSettled(owner.keySet());
        } finally {
            running.set(false);
            reader.join();
        }

        assertThat(seen).as("statements read while money moved").hasSizeGreaterThan(10)
                .allSatisfy(statement -> statement.assertAddsUp("a statement read during the saga"));
        for (String customer : customers) {
            StatementLines statement = StatementLines.of(api.statement(customer).body()).assertAddsUp(customer);
            Map<String, String> status = owner.entrySet().stream().filter(e -> e.getValue().equals(customer))
                    .collect(Collectors.toMap(Map.Entry::getKey, e -> api.reservation(e.getKey()).path("status")
                            .asText()));
            List<String> refunded = status.keySet().stream()
                    .filter(id -> api.reservation(id).path("refunded").asBoolean()).toList();

            assertThat(statement.balance()).isEqualTo(api.balance(customer));
            assertThat(statement.deposits()).as("each keyed deposit once").isEqualTo(deposited.get(customer));
            assertThat(statement.reservationsWith("CHARGE")).as("no reservation charged twice").doesNotHaveDuplicates()
                    .containsExactlyInAnyOrderElementsOf(status.entrySet().stream()
                            .filter(e -> e.getValue().equals("TICKETED") || refunded.contains(e.getKey()))
                            .map(Map.Entry::getKey).toList());
            assertThat(statement.reservationsWith("REFUND")).containsExactlyInAnyOrderElementsOf(refunded);
            assertThat(status).as("the saga had rejections and cancels").containsValues("REJECTED", "CANCELLED");
            assertThat(statement.charges()).isEqualTo(PRICE * statement.reservationsWith("CHARGE").size());
        }
    }

    private void awaitSettled(Set<String> ids) {
        Api.await(() -> ids.stream().allMatch(id -> SETTLED.contains(api.reservation(id).path("status").asText()))
                && host.isQuiet(), done -> done, "every reservation to settle");
        host.awaitQuiet(Duration.ofSeconds(30));
    }

    /** Runs the same call on that many threads at once, as a client's retries racing each other. */
    private static <T> List<T> concurrently(int count, Callable<T> call) throws Exception {
        ExecutorService threads = Executors.newFixedThreadPool(count);
        try {
            List<T> results = new ArrayList<>();
            for (Future<T> answer : threads.invokeAll(Collections.nCopies(count, call))) {
                results.add(answer.get());
            }
            return results;
        } finally {
            threads.shutdownNow();
        }
    }
}
