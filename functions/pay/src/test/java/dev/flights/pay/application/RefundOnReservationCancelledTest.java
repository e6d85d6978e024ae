package dev.flights.pay.application;

import static dev.flights.pay.fixtures.Reservations.aReservation;
import static org.assertj.core.api.Assertions.assertThat;

import dev.flights.contract.Money;
import dev.flights.contract.events.PaymentApproved;
import dev.flights.contract.events.PaymentDeclined;
import dev.flights.contract.events.PaymentRefunded;
import dev.flights.contract.events.PaymentRetryDue;
import dev.flights.contract.events.RefundRetryDue;
import dev.flights.pay.domain.PaymentStatus;
import dev.flights.pay.fixtures.PayUnderTest;
import dev.flights.pay.fixtures.Reservations;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class RefundOnReservationCancelledTest {

    private final PayUnderTest pay = PayUnderTest.withDefaults();

    @Test
    void givesTheMoneyOfACancelledReservationBack() {
        pay.deposited("ew", 150);
        Reservations reservation = aReservation().by("ew").costing(100);
        pay.pay.on(reservation.requested());

        pay.refund.on(reservation.cancelled());

        assertThat(pay.balanceOf("ew")).isEqualTo(150);
        assertThat(pay.payment("ew", reservation.id())).hasValueSatisfying(
                p -> assertThat(p.status()).isEqualTo(PaymentStatus.REFUNDED));
        assertThat(pay.outbox("ew")).hasSize(2).last().isInstanceOfSatisfying(PaymentRefunded.class, refunded -> {
            assertThat(refunded.amount()).isEqualTo(Money.of(100));
            assertThat(refunded.balance()).isEqualTo(Money.of(150));
        });
    }

    @Test
    void aDuplicateCancellationRefundsNothingTheSecondTime() {
        pay.deposited("ew", 150);
        Reservations reservation = aReservation().by("ew").costing(100);
        pay.pay.on(reservation.requested());
        pay.refund.on(reservation.cancelled());

        pay.refund.on(reservation.cancelled());

        assertThat(pay.balanceOf("ew")).isEqualTo(150);
        assertThat(pay.outbox("ew")).filteredOn(PaymentRefunded.class::isInstance).hasSize(1);
        assertThat(pay.account("ew").orElseThrow().refunded()).isEqualTo(Money.of(100));
    }

    @Test
    void aReservationCancelledBeforeItsRequestArrivesIsNeverCharged() {
        pay.deposited("ew", 150);
        Reservations reservation = aReservation().by("ew").costing(100);

        pay.refund.on(reservation.cancelled());
        pay.pay.on(reservation.requested());
        pay.pay.on(reservation.retryDue(1));

        assertThat(pay.balanceOf("ew")).isEqualTo(150);
        assertThat(pay.payment("ew", reservation.id())).hasValueSatisfying(
                p -> assertThat(p.status()).isEqualTo(PaymentStatus.CANCELLED_UNPAID));
        assertThat(pay.outbox("ew")).isEmpty();
    }

    @Test
    void aDeclinedReservationIsNotRefunded() {
        pay.deposited("ew", 30);
        Reservations reservation = aReservation().by("ew").costing(100);
        pay.pay.on(reservation.requested());

        pay.refund.on(reservation.cancelled());

        assertThat(pay.balanceOf("ew")).isEqualTo(30);
        assertThat(pay.outbox("ew")).singleElement().isInstanceOf(PaymentDeclined.class);
        assertThat(pay.payment("ew", reservation.id())).hasValueSatisfying(
                p -> assertThat(p.status()).isEqualTo(PaymentStatus.DECLINED));
    }

    @Test
    void moneyIsConservedAcrossChargesAndRefunds() {
        pay.deposited("ew", 250);
        Reservations kept = aReservation().by("ew").costing(100);
        Reservations cancelled = aReservation().by("ew").costing(100);
        pay.pay.on(kept.requested());
        pay.pay.on(cancelled.requested());
        pay.refund.on(cancelled.cancelled());
        pay.refund.on(cancelled.cancelled());

        var account = pay.account("ew").orElseThrow();

        assertThat(account.balance()).isEqualTo(Money.of(150));
        assertThat(account.deposited().amount())
                .isEqualTo(account.balance().amount() + account.charged().amount() - account.refunded().amount());
        assertThat(pay.outbox("ew")).filteredOn(PaymentApproved.class::isInstance).hasSize(2);
    }

    @Test
    void aCancellationWhileTheStoreIsUnavailableIsRetriedLaterAndThenRefundsOnce() {
        pay.deposited("ew", 150);
        Reservations reservation = aReservation().by("ew").costing(100);
        pay.pay.on(reservation.requested());
        pay.store.setFailing(true);

        pay.refund.on(reservation.cancelled());

        assertThat(pay.topic.messages()).singleElement().satisfies(message -> {
            assertThat(message.type()).isEqualTo("RefundRetryDue");
            assertThat(message.scheduledEnqueueTime()).isAfter(Reservations.T0);
        });
        RefundRetryDue due = (RefundRetryDue) pay.topic.events().get(0);
        assertThat(due.attempt()).isEqualTo(1);
        pay.store.setFailing(false);
        pay.refund.on(due);
        pay.refund.on(due);
        assertThat(pay.balanceOf("ew")).isEqualTo(150);
        assertThat(pay.outbox("ew")).filteredOn(PaymentRefunded.class::isInstance).hasSize(1);
    }

    @Test
    void aCancellationDeferredBeforeTheChargeEndsUnchargedWhicheverRetryComesFirst() {
        for (boolean refundRetryFirst : new boolean[] {true, false}) {
            // a circuit that never opens: this is about the order of the two retries, not about the breaker
            PayUnderTest fresh = PayUnderTest.with(new PaymentSettings(new PaymentSettings.Retry(Duration.ofSeconds(30)),
                    new PaymentSettings.Circuit(Duration.ofSeconds(30), 100, 1000, 1000, 1)),
                    Clock.fixed(Reservations.T0, ZoneOffset.UTC));
            fresh.deposited("ew", 150);
            Reservations reservation = aReservation().by("ew").costing(100);
            fresh.store.setFailing(true);
            fresh.pay.on(reservation.requested());
            fresh.refund.on(reservation.cancelled());
            fresh.store.setFailing(false);
            PaymentRetryDue paymentRetry = fresh.topic.events().stream().filter(PaymentRetryDue.class::isInstance)
                    .map(PaymentRetryDue.class::cast).findFirst().orElseThrow();
            RefundRetryDue refundRetry = fresh.topic.events().stream().filter(RefundRetryDue.class::isInstance)
                    .map(RefundRetryDue.class::cast).findFirst().orElseThrow();

            if (refundRetryFirst) {
                fresh.refund.on(refundRetry);
                fresh.pay.on(paymentRetry);
            } else {
                fresh.pay.on(paymentRetry);
                fresh.refund.on(refundRetry);
            }

            assertThat(fresh.balanceOf("ew")).as("refund retry first: %s", refundRetryFirst).isEqualTo(150);
        }
    }
}
