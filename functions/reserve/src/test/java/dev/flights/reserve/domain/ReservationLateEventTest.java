package dev.flights.reserve.domain;

import static dev.flights.reserve.domain.ReservationFixtures.NOW;
import static dev.flights.reserve.domain.ReservationFixtures.aRequestedReservation;
import static dev.flights.reserve.domain.ReservationFixtures.after;
import static dev.flights.reserve.domain.ReservationFixtures.approved;
import static dev.flights.reserve.domain.ReservationFixtures.declined;
import static dev.flights.reserve.domain.ReservationFixtures.deferred;
import static dev.flights.reserve.domain.ReservationFixtures.refunded;
import static dev.flights.reserve.domain.ReservationFixtures.ticketIssued;
import static dev.flights.reserve.domain.ReservationFixtures.ticketVoided;
import static org.assertj.core.api.Assertions.assertThat;

import dev.flights.contract.ReservationStatus;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/**
 * An event whose handling was deferred (a store outage sent it back to the subscription later) can be overtaken by
 * later events of the same reservation. Whatever the reserve subscription can receive, arriving late leaves the
 * state it would have in order, or another state the saga allows.
 */
class ReservationLateEventTest {

    private static final String NUMBER = "TK-0123456789";

    @Test
    void aDeferralOvertakenByALaterOneDoesNotMoveTheRetryTimeBack() {
        Reservation r = aRequestedReservation();
        Instant first = NOW.plusSeconds(30);
        Instant second = NOW.plusSeconds(60);

        Reservation late = after(r, deferred(r, second), deferred(r, first));

        assertThat(late.status()).isEqualTo(ReservationStatus.PAYMENT_PENDING);
        assertThat(late.paymentRetryAt()).isEqualTo(second);
        assertThat(late.paymentRetryAt()).isEqualTo(after(r, deferred(r, first), deferred(r, second)).paymentRetryAt());
    }

    @Test
    void aDeferralArrivingAfterTheApprovalLeavesItConfirmed() {
        Reservation r = aRequestedReservation();

        Reservation late = after(r, approved(r), deferred(r, NOW.plus(Duration.ofMinutes(1))));

        assertThat(late.status()).isEqualTo(ReservationStatus.CONFIRMED);
        assertThat(late.paymentRetryAt()).isNull();
    }

    @Test
    void anIssuedTicketArrivingAfterItsVoidingStillRecordsTheNumberOnTheCancelledReservation() {
        Reservation r = aRequestedReservation();
        Reservation cancelled = ((CancelOutcome.Cancelled) after(r, approved(r)).cancel(NOW)).transition().reservation();

        Reservation inOrder = after(cancelled, ticketIssued(r, NUMBER), ticketVoided(r, NUMBER));
        Reservation late = after(cancelled, ticketVoided(r, NUMBER), ticketIssued(r, NUMBER));

        assertThat(late.status()).isEqualTo(ReservationStatus.CANCELLED);
        assertThat(late.ticketNumber()).isEqualTo(NUMBER);
        assertThat(late.ticketVoided()).isTrue();
        assertThat(late.ticketNumber()).isEqualTo(inOrder.ticketNumber());
        assertThat(late.ticketVoided()).isEqualTo(inOrder.ticketVoided());
    }

    @Test
    void aRefundAndAVoidedTicketArriveInEitherOrderToTheSameEnd() {
        Reservation r = aRequestedReservation();
        Reservation cancelled = ((CancelOutcome.Cancelled) after(r, approved(r), ticketIssued(r, NUMBER)).cancel(NOW))
                .transition().reservation();

        Reservation refundFirst = after(cancelled, refunded(r), ticketVoided(r, NUMBER));
        Reservation voidFirst = after(cancelled, ticketVoided(r, NUMBER), refunded(r));

        assertThat(voidFirst.refunded()).isTrue();
        assertThat(voidFirst.ticketVoided()).isTrue();
        assertThat(voidFirst.status()).isEqualTo(refundFirst.status()).isEqualTo(ReservationStatus.CANCELLED);
    }

    @Test
    void aDeclineArrivingAfterTheCustomerCancelledLeavesItCancelledAndNeverRejected() {
        Reservation r = aRequestedReservation();
        Reservation cancelled = ((CancelOutcome.Cancelled) r.cancel(NOW)).transition().reservation();

        Reservation late = after(cancelled, declined(r), approved(r));

        assertThat(late.status()).isEqualTo(ReservationStatus.CANCELLED);
        assertThat(late.refunded()).isFalse();
    }
}
