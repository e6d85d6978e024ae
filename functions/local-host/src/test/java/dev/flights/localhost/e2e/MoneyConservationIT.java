package dev.flights.localhost.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.flights.localhost.LocalHostRuntime;
import dev.flights.platform.messaging.OutgoingMessage;
import dev.flights.platform.store.ContainerLayout;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/**
 * Money is conserved whatever happens: customers deposit, reserve and cancel concurrently while pay goes down, fails
 * and comes back and messages are delivered twice. Once the system is quiet, for every customer the balance is the
 * deposits less the price of each ticketed reservation, every charged cancellation was refunded exactly once, and
 * the read model shows what the system of record says. Every statement read along the way, and the last one, adds
 * up: deposits = balance + charges - refunds over its lines.
 */
class MoneyConservationIT {

    private static final Set<String> SETTLED = Set.of("TICKETED", "REJECTED", "CANCELLED");

    private final LocalHostRuntime host = SharedLocalHost.get();
    private final Api api = new Api(host.baseUri());

    @Test
    void balancesAddUpAfterConcurrentReservationsCancellationsOutagesAndRedeliveries() throws Exception {
        Random random = new Random(7);
        List<String> customers = List.of(Api.newCustomer(), Api.newCustomer(), Api.newCustomer());
        Map<String, Long> deposited = new ConcurrentHashMap<>();
        Map<String, String> owner = new ConcurrentHashMap<>();
        List<StatementLines> seen = new CopyOnWriteArrayList<>();
        for (String customer : customers) {
            assertThat(api.deposit(customer, 100).status()).isEqualTo(200);
            deposited.put(customer, 100L);
        }
        ExecutorService clients = Executors.newFixedThreadPool(6);
        List<Future<?>> work = new ArrayList<>();
        try {
            for (int i = 0; i < 36; i++) {
                String customer = customers.get(i % customers.size());
                long amount = 50 + random.nextInt(4) * 50;
                boolean cancelSoon = random.nextInt(3) == 0;
                work.add(clients.submit(() -> {
                    if (api.deposit(customer, amount).status() == 200) {
                        deposited.merge(customer, amount, Long::sum);
                    } // while pay is down or failing a deposit is refused with 503 and nothing is taken

                    String id = api.reserve(customer, "KE" + (100 + owner.size()));
                    owner.put(id, customer);
                    if (cancelSoon) {
                        api.cancel(id);
                    }
                    Api.Response statement = api.statement(customer); // 503 while pay is down or failing
                    if (statement.status() == 200) {
                        seen.add(StatementLines.of(statement.body()));
                    }
                }));
                if (i == 8) {
                    host.setAvailable("pay", false);
                } else if (i == 14) {
                    host.setAvailable("pay", true);
                    host.setFailing("pay", true);
                } else if (i == 22) {
                    host.setFailing("pay", false);
                }
                redeliverSome(random);
                Thread.sleep(20);
            }
            for (Future<?> f : work) {
                f.get();
            }
        } finally {
            host.setAvailable("pay", true);
            host.setFailing("pay", false);
            clients.shutdownNow();
        }
        List<String> ids = new ArrayList<>(owner.keySet());
        for (String id : ids.subList(0, ids.size() / 4)) {
            api.awaitReservation(id, r -> SETTLED.contains(r.path("status").asText()), "to settle");
            api.cancel(id);
        }
        awaitSettled(ids);

        for (String customer : customers) {
            long ticketed = ids.stream().filter(id -> owner.get(id).equals(customer))
                    .filter(id -> api.reservation(id).path("status").asText().equals("TICKETED")).count();
            ObjectNode account = host.store().container(ContainerLayout.ACCOUNTS).read(customer, "account").orElseThrow();

            assertThat(api.balance(customer)).as("balance of %s", customer)
                    .isEqualTo(deposited.get(customer) - 100 * ticketed);
            assertThat(account.path("deposited").asLong()).isEqualTo(deposited.get(customer));
            assertThat(account.path("balance").asLong()).isEqualTo(account.path("deposited").asLong()
                    - account.path("charged").asLong() + account.path("refunded").asLong());
            StatementLines statement = StatementLines.of(api.statement(customer).body()).assertAddsUp(customer);
            assertThat(statement.deposits()).isEqualTo(deposited.get(customer));
            assertThat(statement.charges() - statement.refunds()).isEqualTo(100 * ticketed);
            assertThat(statement.reservationsWith("CHARGE")).doesNotHaveDuplicates();
            assertThat(statement.reservationsWith("REFUND")).doesNotHaveDuplicates();
        }
        assertThat(seen).isNotEmpty().allSatisfy(statement -> statement.assertAddsUp("a statement read during the run"));
        for (String id : ids) {
            JsonNode reservation = api.reservation(id);
            String status = reservation.path("status").asText();
            String payment = host.store().container(ContainerLayout.ACCOUNTS).read(owner.get(id), "payment-" + id)
                    .map(p -> p.path("status").asText()).orElse("NONE");
            switch (status) {
                case "TICKETED" -> assertThat(payment).as(id).isEqualTo("CHARGED");
                case "REJECTED" -> assertThat(payment).as(id).isEqualTo("DECLINED");
                default -> {
                    // cancelled: charged and refunded, cancelled before pay got to it, or declined before the cancel
                    assertThat(payment).as(id).isIn("REFUNDED", "CANCELLED_UNPAID", "DECLINED");
                    assertThat(reservation.path("refunded").asBoolean()).as(id).isEqualTo(payment.equals("REFUNDED"));
                }
            }
        }
        for (String customer : customers) {
            for (JsonNode item : api.list(customer)) {
                assertThat(item.path("status").asText()).as("the list converges")
                        .isEqualTo(api.reservation(item.path("reservationId").asText()).path("status").asText());
            }
        }
        assertThat(host.deadLetters()).as("nothing was given up on")
                .noneMatch(letter -> ids.contains(letter.message().sessionId()));
    }

    private void redeliverSome(Random random) {
        List<OutgoingMessage> accepted = host.topic().acceptedMessages();
        for (int n = 0; n < 3 && !accepted.isEmpty(); n++) {
            OutgoingMessage message = accepted.get(accepted.size() - 1 - random.nextInt(Math.min(accepted.size(), 30)));
            for (String subscription : host.topic().subscriptionNames()) {
                if (host.topic().accepts(subscription, message.type())) {
                    host.topic().redeliver(subscription, message);
                }
            }
        }
    }

    private void awaitSettled(List<String> ids) {
        Api.await(() -> ids.stream().allMatch(id -> settled(api.reservation(id))) && host.isQuiet()
                && host.topic().scheduledCount() == 0, done -> done, "every reservation to settle");
        host.awaitQuiet(Duration.ofSeconds(30));
    }

    private static boolean settled(JsonNode reservation) {
        String status = reservation.path("status").asText();
        return SETTLED.contains(status) && (!status.equals("CANCELLED") || !reservation.path("ticketNumber").isTextual()
                || reservation.path("ticketVoided").asBoolean());
    }
}
