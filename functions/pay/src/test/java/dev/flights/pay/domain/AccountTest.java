package dev.flights.pay.domain;

import static dev.flights.pay.fixtures.Reservations.T0;
import static dev.flights.pay.fixtures.Reservations.aReservation;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.flights.contract.Money;
import dev.flights.contract.UserId;
import dev.flights.contract.events.DeclineReason;
import dev.flights.contract.events.PaymentApproved;
import dev.flights.contract.events.PaymentDeclined;
import dev.flights.contract.events.PaymentRefunded;
import dev.flights.pay.fixtures.Reservations;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class AccountTest {

    private static final UserId EW = new UserId("ew");

    private static Account withBalance(long amount) {
        return Account.open(EW).deposit(Money.of(amount));
    }

    private static PaymentOutcome paying(Account account, Reservations reservation) {
        return account.pay(reservation.request(), Optional.empty(), T0).orElseThrow();
    }

    @Test
    void approvesAndLowersTheBalanceWhenItCoversThePrice() {
        Account given = withBalance(150);
        Reservations reservation = aReservation().by("ew").costing(100);

        PaymentOutcome outcome = paying(given, reservation);

        assertThat(outcome).isInstanceOf(PaymentOutcome.Approved.class);
        Settlement settlement = outcome.settlement();
        assertThat(settlement.account().balance()).isEqualTo(Money.of(50));
        assertThat(settlement.payment().status()).isEqualTo(PaymentStatus.CHARGED);
        assertThat(settlement.payment().amount()).isEqualTo(Money.of(100));
        assertThat(settlement.events()).singleElement().isInstanceOfSatisfying(PaymentApproved.class, approved -> {
            assertThat(approved.reservationId()).isEqualTo(reservation.id());
            assertThat(approved.userId()).isEqualTo(EW);
            assertThat(approved.amount()).isEqualTo(Money.of(100));
            assertThat(approved.balance()).isEqualTo(Money.of(50));
        });
    }

    @Test
    void approvesWhenTheBalanceIsExactlyThePrice() {
        PaymentOutcome outcome = paying(withBalance(100), aReservation().costing(100));

        assertThat(outcome).isInstanceOf(PaymentOutcome.Approved.class);
        assertThat(outcome.settlement().account().balance()).isEqualTo(Money.ZERO);
    }

    @Test
    void declinesWhenTheBalanceIsBelowThePrice() {
        Account given = withBalance(99);

        PaymentOutcome outcome = paying(given, aReservation().costing(100));

        assertThat(outcome).isInstanceOf(PaymentOutcome.Declined.class);
        assertThat(outcome.settlement().account()).isEqualTo(given);
        assertThat(outcome.settlement().payment().status()).isEqualTo(PaymentStatus.DECLINED);
        assertThat(outcome.settlement().events()).singleElement().isInstanceOfSatisfying(PaymentDeclined.class,
                declined -> {
                    assertThat(declined.reason()).isEqualTo(DeclineReason.INSUFFICIENT_BALANCE);
                    assertThat(declined.balance()).isEqualTo(Money.of(99));
                });
    }

    @Test
    void declinesACustomerWhoNeverDepositedWithoutStoringAnAccount() {
        PaymentOutcome outcome = paying(Account.open(EW), aReservation().costing(100));

        assertThat(outcome).isInstanceOf(PaymentOutcome.Declined.class);
        assertThat(outcome.settlement().account()).isNull();
        assertThat(((PaymentDeclined) outcome.settlement().events().get(0)).balance()).isEqualTo(Money.ZERO);
    }

    @Test
    void aReservationThatHasAPaymentAlreadyIsNotChargedAgain() {
        Reservations reservation = aReservation().costing(100);
        Account given = withBalance(300);
        Settlement first = paying(given, reservation).settlement();

        Optional<PaymentOutcome> again = first.account().pay(reservation.attempt(1), Optional.of(first.payment()), T0);

        assertThat(again).isEmpty();
    }

    @Test
    void refundsAChargedPaymentAndGivesThePriceBack() {
        Reservations reservation = aReservation().by("ew").costing(100);
        Settlement charged = paying(withBalance(150), reservation).settlement();

        Settlement refunded = charged.account()
                .cancel(reservation.id(), reservation.cancelled().flightId(), Optional.of(charged.payment()), T0)
                .orElseThrow();

        assertThat(refunded.account().balance()).isEqualTo(Money.of(150));
        assertThat(refunded.payment().status()).isEqualTo(PaymentStatus.REFUNDED);
        assertThat(refunded.events()).singleElement().isInstanceOfSatisfying(PaymentRefunded.class, event -> {
            assertThat(event.amount()).isEqualTo(Money.of(100));
            assertThat(event.balance()).isEqualTo(Money.of(150));
        });
    }

    @Test
    void refundsOnlyOnce() {
        Reservations reservation = aReservation().costing(100);
        Settlement charged = paying(withBalance(150), reservation).settlement();
        Settlement refunded = charged.account()
                .cancel(reservation.id(), null, Optional.of(charged.payment()), T0).orElseThrow();

        Optional<Settlement> again = refunded.account()
                .cancel(reservation.id(), null, Optional.of(refunded.payment()), T0);

        assertThat(again).isEmpty();
    }

    @Test
    void neverRefundsADeclinedPayment() {
        Reservations reservation = aReservation().costing(100);
        Settlement declined = paying(withBalance(10), reservation).settlement();

        Optional<Settlement> cancelled = withBalance(10)
                .cancel(reservation.id(), null, Optional.of(declined.payment()), T0);

        assertThat(cancelled).isEmpty();
    }

    @Test
    void leavesATombstoneWhenCancelledBeforeAnyPayment() {
        Reservations reservation = aReservation().costing(100);

        Settlement tombstone = withBalance(500)
                .cancel(reservation.id(), reservation.cancelled().flightId(), Optional.empty(), T0).orElseThrow();

        assertThat(tombstone.payment().status()).isEqualTo(PaymentStatus.CANCELLED_UNPAID);
        assertThat(tombstone.payment().amount()).isEqualTo(Money.ZERO);
        assertThat(tombstone.account()).isNull();
        assertThat(tombstone.events()).isEmpty();
    }

    @Test
    void aTombstonePreventsALaterCharge() {
        Reservations reservation = aReservation().costing(100);
        Account given = withBalance(500);
        Settlement tombstone = given.cancel(reservation.id(), null, Optional.empty(), T0).orElseThrow();

        Optional<PaymentOutcome> late = given.pay(reservation.request(), Optional.of(tombstone.payment()), T0);
        Optional<PaymentOutcome> retry = given.pay(reservation.attempt(3), Optional.of(tombstone.payment()), T0);

        assertThat(late).isEmpty();
        assertThat(retry).isEmpty();
    }

    @Test
    void conservesMoneyThroughDepositsChargesAndRefunds() {
        Reservations first = aReservation().costing(100);
        Reservations second = aReservation().costing(100);
        Account account = withBalance(150).deposit(Money.of(100));
        Settlement paidFirst = paying(account, first).settlement();
        Settlement paidSecond = paying(paidFirst.account(), second).settlement();
        Settlement refundedFirst = paidSecond.account()
                .cancel(first.id(), null, Optional.of(paidFirst.payment()), T0).orElseThrow();

        Account end = refundedFirst.account();

        assertThat(end.deposited()).isEqualTo(Money.of(250));
        assertThat(end.charged()).isEqualTo(Money.of(200));
        assertThat(end.refunded()).isEqualTo(Money.of(100));
        assertThat(end.balance()).isEqualTo(Money.of(150));
        assertThat(end.deposited().amount())
                .isEqualTo(end.balance().amount() + end.charged().amount() - end.refunded().amount());
    }

    @Test
    void refusesAnAccountWhoseMoneyDoesNotAddUp() {
        assertThatThrownBy(() -> new Account(EW, Money.of(100), Money.of(50), Money.ZERO, Money.ZERO, 1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not conserved");
    }

    @Test
    void redoingADecisionEmitsTheSameEventIds() {
        Reservations reservation = aReservation().costing(100);

        PaymentOutcome once = paying(withBalance(100), reservation);
        PaymentOutcome again = paying(withBalance(100), reservation);

        assertThat(again.settlement().events().get(0).eventId())
                .isEqualTo(once.settlement().events().get(0).eventId());
    }
}
