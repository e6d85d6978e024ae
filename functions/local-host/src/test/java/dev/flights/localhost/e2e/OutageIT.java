package dev.flights.localhost.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.flights.localhost.LocalHostRuntime;
import dev.flights.platform.messaging.OutgoingMessage;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** N2 and N3: reservations keep being accepted while pay is down or failing, and complete by themselves. */
class OutageIT {

    private final LocalHostRuntime host = SharedLocalHost.get();
    private final Api api = new Api(host.baseUri());

    @Test
    void reservationsAreAcceptedWhilePayIsDownAndCompleteWhenItIsBack_N2() {
        String customer = Api.newCustomer();
        api.deposit(customer, 150);
        host.setAvailable("pay", false);
        String id;
        try {
            id = api.reserve(customer, "KE123");
            host.awaitQuiet(Duration.ofSeconds(20));
            assertThat(api.reservation(id).path("status").asText()).isEqualTo("REQUESTED");
            assertThat(api.list(customer)).singleElement()
                    .satisfies(item -> assertThat(item.path("status").asText()).isEqualTo("REQUESTED"));
            assertThat(api.get("/api/accounts/" + customer).status()).as("pay's own routes are down").isEqualTo(503);
        } finally {
            host.setAvailable("pay", true);
        }

        api.awaitStatus(id, "TICKETED");
        assertThat(api.balance(customer)).isEqualTo(50);
    }

    @Test
    void whilePayIsFailingTheCircuitOpensReservationsShowPendingAndCompleteAfterRecovery_N3() {
        String customer = Api.newCustomer();
        api.deposit(customer, 1000);
        host.setFailing("pay", true);
        List<String> ids = new ArrayList<>();
        long storeCalls;
        long paymentAttempts;
        try {
            long callsBefore = host.storeOf("pay").callsWhileFailing();
            for (int i = 0; i < 8; i++) {
                ids.add(api.reserve(customer, "KE" + i));
            }
            for (String id : ids) {
                JsonNode pending = api.awaitStatus(id, "PAYMENT_PENDING");
                assertThat(pending.path("paymentRetryAt").asText()).isNotBlank();
            }
            assertThat(api.cancel(ids.get(0)).status()).as("cancelling while pay fails").isEqualTo(202);
            // keep failing until pay has dealt with the cancellation: deferred it, or given up on it
            Api.await(() -> host.topic().acceptedMessages().stream().anyMatch(m -> m.type().equals("RefundRetryDue")
                    && m.sessionId().equals(ids.get(0))) || host.topic().deadLetters("pay").stream()
                            .anyMatch(letter -> letter.message().sessionId().equals(ids.get(0))),
                    done -> done, "pay to deal with the cancellation");
            // every attempt that could not charge ends in a PaymentDeferred; without a breaker each would call the store
            paymentAttempts = host.topic().acceptedMessages().stream()
                    .filter(m -> m.type().equals("PaymentDeferred") && ids.contains(m.sessionId())).count();
            storeCalls = host.storeOf("pay").callsWhileFailing() - callsBefore;
        } finally {
            host.setFailing("pay", false);
        }

        for (String id : ids.subList(1, ids.size())) {
            api.awaitStatus(id, "TICKETED");
        }
        host.awaitQuiet(Duration.ofSeconds(20));
        Api.await(() -> host.topic().scheduledCount(), n -> n == 0, "the scheduled retries to run");
        host.awaitQuiet(Duration.ofSeconds(20));
        assertThat(api.reservation(ids.get(0)).path("status").asText()).isEqualTo("CANCELLED");
        assertThat(paymentAttempts).isGreaterThanOrEqualTo(ids.size());
        assertThat(storeCalls).as("the open circuit spares the failing store").isLessThan(paymentAttempts);
        assertThat(api.balance(customer)).as("the cancelled one was never charged, or charged and refunded")
                .isEqualTo(1000 - 100L * (ids.size() - 1));
        assertThat(host.deadLetters()).as("nothing was given up on")
                .noneMatch(letter -> ids.contains(letter.message().sessionId()));
    }

    @Test
    void aPoisonMessageIsDeadLetteredWithItsReasonCanBeReplayedAndOthersKeepFlowing() {
        String poisonId = java.util.UUID.randomUUID().toString();
        host.topic().publish(List.of(new OutgoingMessage(poisonId, poisonId, "ReservationRequested", "poison-test",
                "{\"specversion\":\"1.0\",\"type\":\"ReservationRequested\",\"data\":\"not an object\"}", null)));
        String customer = Api.newCustomer();
        api.deposit(customer, 100);

        String id = api.reserve(customer, "KE5");
        api.awaitStatus(id, "TICKETED");
        JsonNode letter = Api.await(() -> deadLetter(poisonId), l -> l != null, "the poison message in pay's dead letters");

        assertThat(letter.path("reason").asText()).isEqualTo("MaxDeliveryCountExceeded");
        assertThat(letter.path("description").asText()).contains("MalformedEventException");
        assertThat(letter.path("message").path("deliveryCount").asInt()).isEqualTo(10);
        assertThat(api.post("/admin/dead-letters/pay/replay", null, java.util.Map.of()).body().path("replayed").asInt())
                .isGreaterThanOrEqualTo(1);
        Api.await(() -> deadLetter(poisonId), l -> l != null, "the replayed poison message to come back");
    }

    private JsonNode deadLetter(String messageId) {
        for (JsonNode letter : api.get("/admin/dead-letters").body().path("items")) {
            if (letter.path("message").path("messageId").asText().equals(messageId)
                    && letter.path("subscription").asText().equals("pay")) {
                return letter;
            }
        }
        return null;
    }
}
