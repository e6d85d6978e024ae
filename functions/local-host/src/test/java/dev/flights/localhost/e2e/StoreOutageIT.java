package dev.flights.localhost.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.flights.localhost.LocalHostRuntime;
import dev.flights.platform.store.ContainerLayout;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;

/**
 * A transient store outage never dead-letters a saga event: each app's store in turn answers 503 for 30 seconds
 * while customers reserve and cancel, then recovers. Every reservation then ends TICKETED, REJECTED or CANCELLED
 * (refunded when it was charged), nothing is dead-lettered, every customer's money adds up, and the read model
 * shows what the system of record says.
 */
class StoreOutageIT {

    private static final Duration OUTAGE = Duration.ofSeconds(30);
    private static final Duration PATIENCE = Duration.ofSeconds(120);
    private static final Set<String> SETTLED = Set.of("TICKETED", "REJECTED", "CANCELLED");

    private final LocalHostRuntime host = SharedLocalHost.get();
    private final Api api = new Api(host.baseUri());
    private final Map<String, String> owner = new ConcurrentHashMap<>();
    private final Map<String, Long> deposited = new ConcurrentHashMap<>();

    @Test
    void everyReservationCompletesWhenReservesStoreComesBackAfterThirtySeconds() throws Exception {
        survivesAnOutageOf("reserve");
        assertThat(copiesSentTo("reserve")).as("reserve deferred what it could not handle").isPositive();
    }

    @Test
    void everyReservationCompletesWhenPaysStoreComesBackAfterThirtySeconds() throws Exception {
        survivesAnOutageOf("pay");
        assertThat(host.topic().acceptedMessages()).as("pay deferred the payments (N3)")
                .anyMatch(m -> m.type().equals("PaymentDeferred") && owner.containsKey(m.sessionId()));
    }

    @Test
    void everyReservationCompletesWhenIssueTicketsStoreComesBackAfterThirtySeconds() throws Exception {
        survivesAnOutageOf("issue-ticket");
        assertThat(copiesSentTo("issue-ticket")).as("issue-ticket deferred what it could not handle").isPositive();
    }

    @Test
    void everyReservationCompletesWhenNotifysStoreComesBackAfterThirtySeconds() throws Exception {
        survivesAnOutageOf("notify");
        assertThat(copiesSentTo("notify")).as("notify deferred what it could not handle").isPositive();
        for (String id : owner.keySet()) {
            awaitTrue(() -> api.notifications(owner.get(id)).stream().anyMatch(n ->
                    n.path("reservationId").asText().equals(id) && n.path("type").asText().equals("ReservationRequested")),
                    "the customer to be told of reservation " + id);
        }
    }

    @Test
    void everyReservationCompletesWhenReservationViewsStoreComesBackAfterThirtySeconds() throws Exception {
        survivesAnOutageOf("reservation-view");
    }

    private void survivesAnOutageOf(String app) throws Exception {
        List<String> customers = List.of(Api.newCustomer(), Api.newCustomer());
        for (String customer : customers) {
            assertThat(api.deposit(customer, 400).status()).isEqualTo(200);
            deposited.put(customer, 400L);
        }
        List<String> ids = new ArrayList<>();
        // while reserve's store fails nobody can reserve, so reserve would only meet the outage if pay's answers to
        // the reservations made before it happened to arrive late: hold pay until the outage has begun
        boolean holdPay = app.equals("reserve");
        if (holdPay) {
            host.setAvailable("pay", false);
        }
        ids.add(reserve(customers.get(0), "KE1"));
        ids.add(reserve(customers.get(1), "KE2"));

        long callsBefore = host.storeOf(app).callsWhileFailing();
        host.setFailing(app, true);
        if (holdPay) {
            host.setAvailable("pay", true);
        }
        try {
            long end = System.nanoTime() + OUTAGE.toNanos();
            for (int i = 0; System.nanoTime() < end; i++) {
                String customer = customers.get(i % customers.size());
                // while reserve's own store fails, its routes answer 503 and nothing is reserved or cancelled
                Api.Response reserved = api.as(customer).post("/api/reservations",
                        "{\"userId\":\"" + customer + "\",\"flightId\":\"KE" + (10 + i) + "\"}", Map.of());
                assertThat(reserved.status()).isIn(202, 503);
                if (reserved.status() == 202) {
                    String id = reserved.body().path("reservationId").asText();
                    owner.put(id, customer);
                    ids.add(id);
                }
                if (i % 3 == 2) {
                    String cancelled = ids.get(i % ids.size());
                    assertThat(api.as(owner.get(cancelled)).cancel(cancelled).status()).isIn(202, 409, 503);
                }
                Thread.sleep(1000);
            }
        } finally {
            host.setFailing(app, false);
        }
        assertThat(host.storeOf(app).callsWhileFailing()).as("%s met its failing store", app).isGreaterThan(callsBefore);
        api.cancel(ids.get(ids.size() - 1));

        awaitTrue(() -> ids.stream().allMatch(id -> settled(api.reservation(id))) && host.isQuiet()
                && host.topic().scheduledCount() == 0, "every reservation to settle after " + app + "'s outage");
        host.awaitQuiet(Duration.ofSeconds(30));

        assertThat(host.deadLetters()).as("nothing was dead-lettered").noneMatch(letter ->
                owner.containsKey(letter.message().sessionId()));
        for (String id : ids) {
            assertPaidAsItEnded(id);
        }
        for (String customer : customers) {
            assertMoneyAddsUp(customer, ids);
            awaitTrue(() -> api.list(customer).stream().allMatch(item -> item.path("status").asText()
                    .equals(api.reservation(item.path("reservationId").asText()).path("status").asText()))
                    && api.list(customer).size() == ids.stream().filter(id -> owner.get(id).equals(customer)).count(),
                    "the reservation list of " + customer + " to converge");
        }
    }

    private String reserve(String customer, String flight) {
        String id = api.reserve(customer, flight);
        owner.put(id, customer);
        return id;
    }

    private long copiesSentTo(String subscription) {
        return host.topic().acceptedMessages().stream().filter(m -> subscription.equals(m.to())
                && m.messageId().contains(":" + subscription + ":retry-") && owner.containsKey(m.sessionId())).count();
    }

    private void assertPaidAsItEnded(String id) {
        JsonNode reservation = api.reservation(id);
        String payment = host.store().container(ContainerLayout.ACCOUNTS).read(owner.get(id), "payment-" + id)
                .map(p -> p.path("status").asText()).orElse("NONE");
        switch (reservation.path("status").asText()) {
            case "TICKETED" -> assertThat(payment).as(id).isEqualTo("CHARGED");
            case "REJECTED" -> assertThat(payment).as(id).isEqualTo("DECLINED");
            default -> {
                assertThat(payment).as(id).isIn("REFUNDED", "CANCELLED_UNPAID", "DECLINED");
                assertThat(reservation.path("refunded").asBoolean()).as(id).isEqualTo(payment.equals("REFUNDED"));
            }
        }
    }

    private void assertMoneyAddsUp(String customer, List<String> ids) {
        long ticketed = ids.stream().filter(id -> owner.get(id).equals(customer))
                .filter(id -> api.reservation(id).path("status").asText().equals("TICKETED")).count();
        ObjectNode account = host.store().container(ContainerLayout.ACCOUNTS).read(customer, "account").orElseThrow();

        assertThat(api.balance(customer)).as("balance of %s", customer).isEqualTo(deposited.get(customer) - 100 * ticketed);
        assertThat(account.path("deposited").asLong()).isEqualTo(deposited.get(customer));
        assertThat(account.path("balance").asLong()).isEqualTo(account.path("deposited").asLong()
                - account.path("charged").asLong() + account.path("refunded").asLong());
    }

    private static boolean settled(JsonNode reservation) {
        String status = reservation.path("status").asText();
        return SETTLED.contains(status) && (!status.equals("CANCELLED") || !reservation.path("ticketNumber").isTextual()
                || reservation.path("ticketVoided").asBoolean());
    }

    private static void awaitTrue(BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("waited " + PATIENCE.toSeconds() + " s for " + what);
            }
            Thread.sleep(200);
        }
    }
}
