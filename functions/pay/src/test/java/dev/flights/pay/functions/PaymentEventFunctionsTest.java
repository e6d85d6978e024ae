package dev.flights.pay.functions;

import static dev.flights.pay.fixtures.Reservations.aReservation;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.flights.contract.codec.EventCodec;
import dev.flights.contract.codec.MalformedEventException;
import dev.flights.contract.events.PaymentApproved;
import dev.flights.contract.events.PaymentDeferred;
import dev.flights.contract.events.PaymentRefunded;
import dev.flights.contract.events.PaymentRetryDue;
import dev.flights.contract.events.SagaEvent;
import dev.flights.pay.fixtures.Reservations;
import dev.flights.platform.inprocess.InProcessExecutionContext;
import dev.flights.platform.inprocess.InProcessHttpRequest;
import dev.flights.platform.testing.SignedIn;
import dev.flights.platform.messaging.OutgoingMessage;
import dev.flights.platform.store.ContainerLayout;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class PaymentEventFunctionsTest {

    private final PaymentEventFunctions events = PayContext.bean(PaymentEventFunctions.class);
    private final AccountOutboxFunctions outbox = PayContext.bean(AccountOutboxFunctions.class);
    private final AccountFunctions accounts = PayContext.bean(AccountFunctions.class);

    private void deliver(SagaEvent event, String correlationId) {
        events.onSagaEvent(EventCodec.encode(event, "/apps/reserve", correlationId),
                "message-1", InProcessExecutionContext.of("payOnSagaEvent"));
    }

    private void deposit(String user, long amount) {
        accounts.deposit(SignedIn.as(user, InProcessHttpRequest.post("/api/accounts/" + user + "/deposits",
                "{\"amount\": " + amount + "}", Map.of())), user, InProcessExecutionContext.of("deposit"));
    }

    /** Hands the whole change feed of the accounts container to the relay, as the Cosmos DB trigger would. */
    private void relayChanges() {
        ArrayNode changes = EventCodec.json().createArrayNode();
        changes.addAll(PayContext.STORE.container(ContainerLayout.ACCOUNTS)
                .readChanges(null, Integer.MAX_VALUE).documents());
        outbox.relay(changes.toString(), InProcessExecutionContext.of("relayAccountOutbox"));
    }

    private static List<OutgoingMessage> sentFor(UUID reservationId) {
        return PayContext.TOPIC.messages().stream()
                .filter(m -> m.sessionId().equals(reservationId.toString())).toList();
    }

    private static List<SagaEvent> eventsFor(UUID reservationId) {
        return sentFor(reservationId).stream().map(m -> EventCodec.decode(m.body()).event()).toList();
    }

    @Test
    void paysARequestedReservationAndRelaysTheApproval() {
        String user = "payer-" + UUID.randomUUID();
        deposit(user, 150);
        Reservations reservation = aReservation().by(user).costing(100);

        deliver(reservation.requested(), "corr-" + reservation.id());
        relayChanges();

        assertThat(sentFor(reservation.id())).singleElement().satisfies(message -> {
            assertThat(message.type()).isEqualTo("PaymentApproved");
            assertThat(message.messageId()).isEqualTo(eventsFor(reservation.id()).get(0).eventId().toString());
            assertThat(EventCodec.decode(message.body()).source()).isEqualTo("/apps/pay");
        });
        assertThat(eventsFor(reservation.id())).singleElement().isInstanceOfSatisfying(PaymentApproved.class,
                approved -> assertThat(approved.balance().amount()).isEqualTo(50));
    }

    @Test
    void refundsACancelledReservation() {
        String user = "canceller-" + UUID.randomUUID();
        deposit(user, 100);
        Reservations reservation = aReservation().by(user).costing(100);
        deliver(reservation.requested(), "c1");

        deliver(reservation.cancelled(), "c1");
        deliver(reservation.cancelled(), "c1");
        relayChanges();

        assertThat(eventsFor(reservation.id())).hasSize(2).last().isInstanceOfSatisfying(PaymentRefunded.class,
                refunded -> assertThat(refunded.balance().amount()).isEqualTo(100));
    }

    @Test
    void paysADeferredReservationWhenItsRetryIsDue() {
        String user = "patient-" + UUID.randomUUID();
        deposit(user, 300);
        Reservations reservation = aReservation().by(user).costing(100);

        deliver(reservation.retryDue(2), "c2");
        relayChanges();

        assertThat(eventsFor(reservation.id())).singleElement().isInstanceOf(PaymentApproved.class);
    }

    @Test
    void defersWithTheConfiguredDelayWhileTheStoreIsDown() {
        String user = "unlucky-" + UUID.randomUUID();
        Reservations reservation = aReservation().by(user).costing(100);
        Instant before = Instant.now();
        PayContext.STORE.setFailing(true);
        try {
            deliver(reservation.requested(), "c3");
        } finally {
            PayContext.STORE.setFailing(false);
        }
        Instant after = Instant.now();

        Duration delay = Duration.ofSeconds(Long.parseLong(PayContext.RETRY_DELAY_SECONDS));
        List<OutgoingMessage> sent = sentFor(reservation.id());
        assertThat(sent).extracting(OutgoingMessage::type).containsExactly("PaymentDeferred", "PaymentRetryDue");
        assertThat(sent.get(1).scheduledEnqueueTime()).isBetween(before.plus(delay), after.plus(delay));
        assertThat(eventsFor(reservation.id()).get(0)).isInstanceOf(PaymentDeferred.class);
        assertThat(eventsFor(reservation.id()).get(1)).isInstanceOfSatisfying(PaymentRetryDue.class,
                due -> assertThat(due.attempt()).isEqualTo(1));
    }

    @Test
    void failsAMessageThatIsNotASagaEventSoTheTopicCanDeadLetterIt() {
        assertThatThrownBy(() -> events.onSagaEvent("{\"hello\": \"world\"}",
                "message-1", InProcessExecutionContext.of("payOnSagaEvent")))
                .isInstanceOf(MalformedEventException.class);
    }
}
