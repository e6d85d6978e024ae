package dev.flights.pay.application;

import static dev.flights.pay.fixtures.Reservations.aReservation;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.flights.contract.Money;
import dev.flights.contract.events.PaymentApproved;
import dev.flights.contract.events.PaymentDeclined;
import dev.flights.contract.events.SagaEvent;
import dev.flights.pay.domain.PaymentStatus;
import dev.flights.pay.fixtures.PayUnderTest;
import dev.flights.pay.fixtures.Reservations;
import dev.flights.platform.store.DocumentQuery;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class PayOnReservationRequestedTest {

    private final PayUnderTest pay = PayUnderTest.withDefaults();
    private final ExecutorService threads = Executors.newFixedThreadPool(2);

    @AfterEach
    void stopThreads() {
        threads.shutdownNow();
    }

    @Test
    void storesTheChargeTheBalanceAndTheApprovalInTheOutboxTogether() {
        pay.deposited("ew", 150);
        Reservations reservation = aReservation().by("ew").costing(100);

        pay.pay.on(reservation.requested());

        assertThat(pay.balanceOf("ew")).isEqualTo(50);
        assertThat(pay.payment("ew", reservation.id())).hasValueSatisfying(p -> {
            assertThat(p.status()).isEqualTo(PaymentStatus.CHARGED);
            assertThat(p.amount()).isEqualTo(Money.of(100));
        });
        List<ObjectNode> outbox = pay.outboxDocuments("ew");
        assertThat(outbox).singleElement().satisfies(doc -> {
            assertThat(doc.path("type").asText()).isEqualTo("PaymentApproved");
            assertThat(doc.path("sessionId").asText()).isEqualTo(reservation.id().toString());
        });
        assertThat(pay.outbox("ew")).singleElement().isInstanceOfSatisfying(PaymentApproved.class,
                approved -> assertThat(approved.balance()).isEqualTo(Money.of(50)));
        assertThat(pay.topic.messages()).as("events go through the outbox, not straight to the topic").isEmpty();
    }

    @Test
    void keepsTheDocumentsTheDesignNames() {
        pay.deposited("ew", 100);
        Reservations reservation = aReservation().by("ew").costing(100);

        pay.pay.on(reservation.requested());

        ObjectNode account = pay.container().read("ew", "account").orElseThrow();
        assertThat(account.path("docType").asText()).isEqualTo("account");
        assertThat(account.path("balance").asLong()).isZero();
        assertThat(account.path("deposited").asLong()).isEqualTo(100);
        assertThat(account.path("charged").asLong()).isEqualTo(100);
        assertThat(account.path("refunded").asLong()).isZero();
        ObjectNode payment = pay.container().read("ew", "payment-" + reservation.id()).orElseThrow();
        assertThat(payment.path("docType").asText()).isEqualTo("payment");
        assertThat(payment.path("reservationId").asText()).isEqualTo(reservation.id().toString());
        assertThat(payment.path("flightId").asText()).isEqualTo("KE123");
        assertThat(payment.path("amount").asLong()).isEqualTo(100);
        assertThat(payment.path("status").asText()).isEqualTo("CHARGED");
    }

    @Test
    void declinesWhenTheBalanceIsBelowThePriceAndChargesNothing() {
        pay.deposited("ew", 99);
        Reservations reservation = aReservation().by("ew").costing(100);

        pay.pay.on(reservation.requested());

        assertThat(pay.balanceOf("ew")).isEqualTo(99);
        assertThat(pay.payment("ew", reservation.id())).hasValueSatisfying(
                p -> assertThat(p.status()).isEqualTo(PaymentStatus.DECLINED));
        assertThat(pay.outbox("ew")).singleElement().isInstanceOf(PaymentDeclined.class);
    }

    @Test
    void declinesACustomerWithoutAccountWithoutOpeningOne() {
        Reservations reservation = aReservation().by("nobody").costing(100);

        pay.pay.on(reservation.requested());

        assertThat(pay.account("nobody")).isEmpty();
        assertThat(pay.outbox("nobody")).singleElement().isInstanceOfSatisfying(PaymentDeclined.class,
                declined -> assertThat(declined.balance()).isEqualTo(Money.ZERO));
    }

    @Test
    void aDuplicateRequestChangesNothingTheSecondTime() {
        pay.deposited("ew", 500);
        Reservations reservation = aReservation().by("ew").costing(100);
        pay.pay.on(reservation.requested());

        pay.pay.on(reservation.requested());

        assertThat(pay.balanceOf("ew")).isEqualTo(400);
        assertThat(pay.outbox("ew")).hasSize(1);
    }

    @Test
    void aRetryDueAfterTheChargeChangesNothing() {
        pay.deposited("ew", 500);
        Reservations reservation = aReservation().by("ew").costing(100);
        pay.pay.on(reservation.requested());

        pay.pay.on(reservation.retryDue(1));

        assertThat(pay.balanceOf("ew")).isEqualTo(400);
        assertThat(pay.outbox("ew")).hasSize(1);
    }

    @Test
    void aDeclineIsNotTurnedIntoAChargeByALaterRetry() {
        pay.deposited("ew", 50);
        Reservations reservation = aReservation().by("ew").costing(100);
        pay.pay.on(reservation.requested());
        pay.deposited("ew", 100);

        pay.pay.on(reservation.retryDue(1));

        assertThat(pay.balanceOf("ew")).isEqualTo(150);
        assertThat(pay.outbox("ew")).singleElement().isInstanceOf(PaymentDeclined.class);
    }

    @Test
    void twoReservationsRacingForTheLast100AreNotBothPaid() throws Exception {
        for (int round = 0; round < 25; round++) {
            String user = "racer-" + round;
            pay.deposited(user, 100);
            Reservations first = aReservation().by(user).costing(100);
            Reservations second = aReservation().by(user).costing(100);

            race(() -> pay.pay.on(first.requested()), () -> pay.pay.on(second.requested()));

            List<SagaEvent> events = pay.outbox(user);
            assertThat(events).filteredOn(PaymentApproved.class::isInstance).as("round %s", round).hasSize(1);
            assertThat(events).filteredOn(PaymentDeclined.class::isInstance).as("round %s", round).hasSize(1);
            assertThat(pay.balanceOf(user)).isZero();
        }
    }

    @Test
    void theSameRequestDeliveredTwiceAtOnceIsChargedOnce() throws Exception {
        for (int round = 0; round < 25; round++) {
            String user = "twice-" + round;
            pay.deposited(user, 300);
            Reservations reservation = aReservation().by(user).costing(100);

            race(() -> pay.pay.on(reservation.requested()), () -> pay.pay.on(reservation.requested()));

            assertThat(pay.balanceOf(user)).as("round %s", round).isEqualTo(200);
            assertThat(pay.outbox(user)).as("round %s", round).hasSize(1);
        }
    }

    @Test
    void aDepositRacingWithAChargeLosesNoMoney() throws Exception {
        for (int round = 0; round < 25; round++) {
            String user = "busy-" + round;
            pay.deposited(user, 100);
            Reservations reservation = aReservation().by(user).costing(100);

            race(() -> pay.pay.on(reservation.requested()), () -> pay.deposited(user, 40));

            assertThat(pay.balanceOf(user)).as("round %s", round).isEqualTo(40);
            assertThat(pay.account(user).orElseThrow().deposited()).isEqualTo(Money.of(140));
        }
    }

    @Test
    void onlyTheStateChangesAreInTheContainerWhenNothingHappened() {
        Reservations reservation = aReservation().by("ew").costing(100);
        pay.deposited("ew", 500);
        pay.pay.on(reservation.requested());
        int documents = pay.container().query("ew", new DocumentQuery(java.util.Map.of(), null,
                DocumentQuery.NO_LIMIT)).size();

        pay.pay.on(reservation.requested());
        pay.pay.on(reservation.retryDue(2));

        assertThat(pay.container().query("ew", new DocumentQuery(java.util.Map.of(), null, DocumentQuery.NO_LIMIT)))
                .hasSize(documents);
    }

    private void race(Runnable one, Runnable other) throws Exception {
        CyclicBarrier start = new CyclicBarrier(2);
        List<Future<?>> running = new ArrayList<>();
        for (Runnable task : List.of(one, other)) {
            running.add(threads.submit(() -> {
                start.await();
                task.run();
                return null;
            }));
        }
        for (Future<?> f : running) {
            f.get();
        }
    }
}
