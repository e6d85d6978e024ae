package dev.flights.pay.application;

import static dev.flights.pay.fixtures.Reservations.T0;
import static dev.flights.pay.fixtures.Reservations.aReservation;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.flights.contract.events.PaymentApproved;
import dev.flights.contract.events.PaymentDeferred;
import dev.flights.contract.events.PaymentRetryDue;
import dev.flights.pay.domain.PaymentStatus;
import dev.flights.pay.fixtures.Await;
import dev.flights.pay.fixtures.PayUnderTest;
import dev.flights.pay.fixtures.Reservations;
import dev.flights.platform.messaging.OutgoingMessage;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class PaymentDeferralTest {

    private static PaymentSettings settings(Duration openDuration) {
        return new PaymentSettings(new PaymentSettings.Retry(Duration.ofSeconds(30)),
                new PaymentSettings.Circuit(openDuration, 50, 3, 10, 1));
    }

    private final PayUnderTest pay = PayUnderTest.with(settings(Duration.ofMinutes(5)),
            Clock.fixed(T0, ZoneOffset.UTC));

    @Test
    void defersThePaymentAndSchedulesARetryWhenTheStoreFails() {
        Reservations reservation = aReservation().by("ew").costing(100);
        pay.store.setFailing(true);

        pay.pay.on(reservation.requested());

        assertThat(pay.topic.batches()).as("one batch, all or nothing").singleElement().satisfies(batch -> {
            assertThat(batch).extracting(OutgoingMessage::type).containsExactly("PaymentDeferred", "PaymentRetryDue");
            assertThat(batch).extracting(OutgoingMessage::sessionId).containsOnly(reservation.id().toString());
            assertThat(batch.get(0).scheduledEnqueueTime()).isNull();
            assertThat(batch.get(1).scheduledEnqueueTime()).isEqualTo(T0.plusSeconds(30));
        });
        assertThat(pay.topic.events().get(0)).isInstanceOfSatisfying(PaymentDeferred.class,
                deferred -> assertThat(deferred.retryAt()).isEqualTo(T0.plusSeconds(30)));
        assertThat(pay.topic.events().get(1)).isInstanceOfSatisfying(PaymentRetryDue.class, due -> {
            assertThat(due.attempt()).isEqualTo(1);
            assertThat(due.price()).isEqualTo(reservation.requested().price());
            assertThat(due.flightId()).isEqualTo(reservation.requested().flightId());
        });
    }

    @Test
    void aRetryThatFailsAgainWaitsLonger() {
        Reservations reservation = aReservation().by("ew");
        pay.store.setFailing(true);

        pay.pay.on(reservation.retryDue(2));

        List<OutgoingMessage> sent = pay.topic.messages();
        assertThat(sent.get(1).scheduledEnqueueTime()).isEqualTo(T0.plusSeconds(120));
        assertThat(pay.topic.events().get(1)).isInstanceOfSatisfying(PaymentRetryDue.class,
                due -> assertThat(due.attempt()).isEqualTo(3));
    }

    @Test
    void opensTheCircuitAfterTheThresholdAndThenLeavesTheStoreAlone() {
        pay.store.setFailing(true);
        for (int i = 0; i < 3; i++) {
            pay.pay.on(aReservation().by("ew").requested());
        }
        assertThat(pay.circuit.state()).isEqualTo(CircuitBreaker.State.OPEN);
        long callsWhenOpened = pay.store.callsWhileFailing();
        assertThat(callsWhenOpened).isPositive();

        for (int i = 0; i < 5; i++) {
            pay.pay.on(aReservation().by("ew").requested());
        }

        assertThat(pay.store.callsWhileFailing()).as("no calls to the store while open").isEqualTo(callsWhenOpened);
        assertThat(pay.topic.events()).filteredOn(PaymentDeferred.class::isInstance).hasSize(8);
        assertThat(pay.topic.events()).filteredOn(PaymentRetryDue.class::isInstance).hasSize(8);
    }

    @Test
    void chargesOnARetryOnceTheStoreIsBackAndTheCircuitHasWaited() {
        PayUnderTest quick = PayUnderTest.with(settings(Duration.ofMillis(150)), Clock.systemUTC());
        quick.deposited("ew", 150);
        Reservations reservation = aReservation().by("ew").costing(100);
        quick.store.setFailing(true);
        for (int attempt = 0; attempt < 3; attempt++) {
            quick.pay.accept(reservation.attempt(attempt));
        }
        assertThat(quick.circuit.state()).isEqualTo(CircuitBreaker.State.OPEN);

        quick.store.setFailing(false);
        AtomicInteger attempt = new AtomicInteger(3);
        Await.until("a retry is charged", Duration.ofSeconds(10), () -> {
            quick.pay.on(reservation.retryDue(attempt.getAndIncrement()));
            return quick.payment("ew", reservation.id()).isPresent();
        });

        assertThat(quick.payment("ew", reservation.id())).hasValueSatisfying(
                p -> assertThat(p.status()).isEqualTo(PaymentStatus.CHARGED));
        assertThat(quick.balanceOf("ew")).isEqualTo(50);
        assertThat(quick.outbox("ew")).singleElement().isInstanceOf(PaymentApproved.class);
        assertThat(quick.circuit.state()).isEqualTo(CircuitBreaker.State.CLOSED);
    }

    @Test
    void failsTheMessageWhenTheDeferralCannotBePublishedEither() {
        pay.store.setFailing(true);
        pay.topic.setFailing(true);

        assertThatThrownBy(() -> pay.pay.on(aReservation().by("ew").requested()))
                .isInstanceOf(IllegalStateException.class);
    }

    @Test
    void declinesAreNotFailuresOfTheStore() {
        for (int i = 0; i < 6; i++) {
            pay.pay.on(aReservation().by("poor").requested());
        }

        assertThat(pay.circuit.state()).isEqualTo(CircuitBreaker.State.CLOSED);
        assertThat(pay.topic.messages()).isEmpty();
    }
}
