package dev.flights.pay.application;

import static dev.flights.pay.fixtures.Reservations.aReservation;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.flights.contract.Money;
import dev.flights.contract.events.PaymentApproved;
import dev.flights.contract.events.PaymentDeclined;
import dev.flights.contract.events.PaymentRefunded;
import dev.flights.pay.domain.PaymentStatus;
import dev.flights.pay.fixtures.PayUnderTest;
import dev.flights.pay.fixtures.Reservations;
import dev.flights.platform.store.StoreUnavailableException;
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
    void anUnavailableStoreIsLeftToTheTopicToRedeliver() {
        pay.deposited("ew", 150);
        Reservations reservation = aReservation().by("ew").costing(100);
        pay.pay.on(reservation.requested());
        pay.store.setFailing(true);

        assertThatThrownBy(() -> pay.refund.on(reservation.cancelled()))
                .isInstanceOf(StoreUnavailableException.class);

        pay.store.setFailing(false);
        pay.refund.on(reservation.cancelled());
        assertThat(pay.balanceOf("ew")).isEqualTo(150);
        assertThat(pay.topic.messages()).isEmpty();
    }
}
