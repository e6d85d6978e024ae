package dev.flights.localhost.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.flights.contract.codec.EventCodec;
import dev.flights.localhost.LocalHostRuntime;
import dev.flights.platform.messaging.OutgoingMessage;
import dev.flights.platform.store.ContainerLayout;
import dev.flights.platform.store.DocumentContainer;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/** At-least-once in, exactly-once in effect; money is conserved under races. */
class ExactlyOnceIT {

    private final LocalHostRuntime host = SharedLocalHost.get();
    private final Api api = new Api(host.baseUri());

    @Test
    void everyEventDeliveredAgainAndEveryChangeFeedReadAgainChangesNothingTwice() {
        String customer = Api.newCustomer();
        api.deposit(customer, 200);
        String ticketed = api.reserve(customer, "KE1");
        String cancelled = api.reserve(customer, "KE2");
        api.awaitStatus(ticketed, "TICKETED");
        api.awaitStatus(cancelled, "TICKETED");
        String rejected = api.reserve(customer, "KE3");
        api.awaitStatus(rejected, "REJECTED");
        api.cancel(cancelled);
        api.awaitReservation(cancelled, r -> r.path("refunded").asBoolean() && r.path("ticketVoided").asBoolean(),
                "settled");
        host.awaitQuiet(Duration.ofSeconds(20));
        Map<String, String> before = snapshot(customer, List.of(ticketed, cancelled, rejected));

        List<OutgoingMessage> sagaMessages = redeliverEverything(List.of(ticketed, cancelled, rejected));
        assertThat(sagaMessages).extracting(OutgoingMessage::type).contains("ReservationRequested",
                "ReservationConfirmed", "ReservationRejected", "ReservationCancelled", "PaymentApproved",
                "PaymentDeclined", "PaymentRefunded", "TicketIssued", "TicketVoided");
        rewindEveryChangeFeed();
        host.awaitQuiet(Duration.ofSeconds(30));

        assertThat(snapshot(customer, List.of(ticketed, cancelled, rejected))).isEqualTo(before);
        assertThat(api.balance(customer)).isEqualTo(100);
    }

    @Test
    void deferralsAndRetryNotesDeliveredAgainChangeNothingTwice() {
        String customer = Api.newCustomer();
        api.deposit(customer, 300);
        String paidLate;
        String cancelledWhilePending;
        host.setFailing("pay", true);
        try {
            paidLate = api.reserve(customer, "KE1");
            cancelledWhilePending = api.reserve(customer, "KE2");
            api.awaitStatus(paidLate, "PAYMENT_PENDING");
            api.awaitStatus(cancelledWhilePending, "PAYMENT_PENDING");
            api.cancel(cancelledWhilePending);
            Api.await(() -> host.topic().acceptedMessages().stream().anyMatch(m -> m.type().equals("RefundRetryDue")
                    && m.sessionId().equals(cancelledWhilePending)), found -> found, "the cancellation to be deferred");
        } finally {
            host.setFailing("pay", false);
        }
        api.awaitStatus(paidLate, "TICKETED");
        Api.await(() -> host.topic().scheduledCount(), n -> n == 0, "the scheduled retries to run");
        host.awaitQuiet(Duration.ofSeconds(20));
        Map<String, String> before = snapshot(customer, List.of(paidLate, cancelledWhilePending));

        List<OutgoingMessage> redelivered = redeliverEverything(List.of(paidLate, cancelledWhilePending));
        host.awaitQuiet(Duration.ofSeconds(30));
        Api.await(() -> host.topic().scheduledCount(), n -> n == 0, "nothing scheduled anew");

        assertThat(redelivered).extracting(OutgoingMessage::type)
                .contains("PaymentDeferred", "PaymentRetryDue", "RefundRetryDue");
        assertThat(snapshot(customer, List.of(paidLate, cancelledWhilePending))).isEqualTo(before);
        assertThat(api.balance(customer)).isEqualTo(200);
        assertThat(api.reservation(cancelledWhilePending).path("status").asText()).isEqualTo("CANCELLED");
    }

    @Test
    void twoReservationsRacingForTheLast100PayExactlyOnce() {
        String customer = Api.newCustomer();
        api.deposit(customer, 100);

        CompletableFuture<String> first = CompletableFuture.supplyAsync(() -> api.reserve(customer, "KE1"));
        CompletableFuture<String> second = CompletableFuture.supplyAsync(() -> api.reserve(customer, "KE2"));
        List<String> ids = List.of(first.join(), second.join());
        List<String> outcomes = ids.stream().map(id -> api.awaitReservation(id,
                r -> List.of("TICKETED", "REJECTED").contains(r.path("status").asText()), "to settle")
                .path("status").asText()).sorted().toList();

        assertThat(outcomes).containsExactly("REJECTED", "TICKETED");
        assertThat(api.balance(customer)).isZero();
    }

    /** Hands every message of these reservations once more to every subscription that takes its type. */
    private List<OutgoingMessage> redeliverEverything(List<String> reservationIds) {
        List<OutgoingMessage> messages = host.topic().acceptedMessages().stream()
                .filter(m -> reservationIds.contains(m.sessionId())).toList();
        for (OutgoingMessage message : messages) {
            for (String subscription : host.topic().subscriptionNames()) {
                if (host.topic().accepts(subscription, message.type())) {
                    host.topic().redeliver(subscription, message);
                }
            }
        }
        return messages;
    }

    /** Everything a repeated delivery could change twice, as text. */
    private Map<String, String> snapshot(String customer, List<String> reservationIds) {
        Map<String, String> state = new TreeMap<>();
        state.put("account", strip(host.store().container(ContainerLayout.ACCOUNTS).read(customer, "account")
                .orElseThrow()));
        state.put("notifications", Integer.toString(api.notifications(customer).size()));
        state.put("list", api.list(customer).toString());
        for (String id : reservationIds) {
            state.put("reservation " + id, api.reservation(id).toString());
            state.put("ticket " + id, host.store().container(ContainerLayout.TICKETS).read(id, "ticket")
                    .map(ExactlyOnceIT::strip).orElse("none"));
        }
        state.put("messages", Long.toString(host.topic().acceptedMessages().stream()
                .filter(m -> reservationIds.contains(m.sessionId())).count()));
        state.put("dead letters", host.deadLetters().toString());
        return state;
    }

    private void rewindEveryChangeFeed() {
        DocumentContainer leases = host.store().container(ContainerLayout.LEASES);
        for (String container : List.of(ContainerLayout.RESERVATIONS, ContainerLayout.ACCOUNTS, ContainerLayout.TICKETS)) {
            for (String prefix : List.of("reserve-outbox-", "pay-outbox-", "issue-ticket-outbox-", "reservation-view-")) {
                String leaseId = prefix + container;
                leases.read(leaseId, leaseId).ifPresent(lease -> {
                    ObjectNode rewound = EventCodec.json().createObjectNode().put("id", leaseId);
                    rewound.putNull("continuation");
                    leases.upsert(rewound);
                });
            }
        }
    }

    private static String strip(ObjectNode doc) {
        ObjectNode copy = doc.deepCopy();
        copy.remove("_etag");
        copy.remove("_ts");
        return copy.toString();
    }
}
