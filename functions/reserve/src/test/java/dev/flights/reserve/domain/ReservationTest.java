package dev.flights.reserve.domain;

import dev.flights.contract.ReservationStatus;
import dev.flights.contract.events.DeclineReason;
import dev.flights.contract.events.EventType;
import dev.flights.contract.events.ReservationCancelled;
import dev.flights.contract.events.ReservationConfirmed;
import dev.flights.contract.events.ReservationRejected;
import dev.flights.contract.events.ReservationRequested;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import static dev.flights.reserve.domain.ReservationFixtures.FLIGHT;
import static dev.flights.reserve.domain.ReservationFixtures.NOW;
import static dev.flights.reserve.domain.ReservationFixtures.PRICE;
import static dev.flights.reserve.domain.ReservationFixtures.USER;
import static dev.flights.reserve.domain.ReservationFixtures.aRequestedReservation;
import static dev.flights.reserve.domain.ReservationFixtures.after;
import static dev.flights.reserve.domain.ReservationFixtures.approved;
import static dev.flights.reserve.domain.ReservationFixtures.declined;
import static dev.flights.reserve.domain.ReservationFixtures.deferred;
import static dev.flights.reserve.domain.ReservationFixtures.refunded;
import static dev.flights.reserve.domain.ReservationFixtures.ticketIssued;
import static dev.flights.reserve.domain.ReservationFixtures.ticketVoided;
import static org.assertj.core.api.Assertions.assertThat;

class ReservationTest {

    @Test
    void aRequestEmitsReservationRequestedWithTheTicketPrice() {
        UUID id = UUID.randomUUID();

        Transition t = Reservation.request(id, USER, FLIGHT, PRICE, NOW);

        assertThat(t.reservation().status()).isEqualTo(ReservationStatus.REQUESTED);
        assertThat(t.events()).singleElement().isInstanceOfSatisfying(ReservationRequested.class, e -> {
            assertThat(e.reservationId()).isEqualTo(id);
            assertThat(e.userId()).isEqualTo(USER);
            assertThat(e.flightId()).isEqualTo(FLIGHT);
            assertThat(e.price()).isEqualTo(PRICE);
        });
    }

    @Test
    void anAnswerOfPayOrIssueTicketNamesTheEventItAnswersSoItsVersionSettlesIt() {
        Reservation given = aRequestedReservation();

        assertThat(given.on(approved(given), NOW).answered()).containsExactly(EventType.ReservationRequested);
        assertThat(given.on(declined(given), NOW).answered()).containsExactly(EventType.ReservationRequested);
        assertThat(given.on(deferred(given, NOW.plusSeconds(60)), NOW).answered())
                .containsExactly(EventType.ReservationRequested);
        Reservation confirmed = given.on(approved(given), NOW).reservation();
        assertThat(confirmed.on(ticketIssued(confirmed, "TK-1"), NOW).answered())
                .containsExactly(EventType.ReservationConfirmed);
        assertThat(confirmed.on(refunded(confirmed), NOW).answered()).containsExactly(EventType.ReservationCancelled);
        assertThat(confirmed.on(ticketVoided(confirmed, "TK-1"), NOW).answered())
                .containsExactly(EventType.ReservationCancelled);
        assertThat(Reservation.request(UUID.randomUUID(), USER, FLIGHT, PRICE, NOW).answered()).isEmpty();
    }

    @Test
    void onlyARequestAndAConfirmationAwaitAnAnswerForARejectionOrACancellationMayGetNone() {
        assertThat(EventType.values()).filteredOn(Reservation::awaitsAnswer)
                .containsExactlyInAnyOrder(EventType.ReservationRequested, EventType.ReservationConfirmed);
    }

    @Test
    void confirmsTheReservationWhenThePaymentIsApproved() {
        Reservation given = aRequestedReservation();

        Transition t = given.on(approved(given), NOW);

        assertThat(t.reservation().status()).isEqualTo(ReservationStatus.CONFIRMED);
        assertThat(t.events()).singleElement().isInstanceOf(ReservationConfirmed.class);
    }

    @Test
    void rejectsTheReservationWhenThePaymentIsDeclined() {
        Reservation given = aRequestedReservation();

        Transition t = given.on(declined(given), NOW);

        assertThat(t.reservation().status()).isEqualTo(ReservationStatus.REJECTED);
        assertThat(t.events()).singleElement().isInstanceOfSatisfying(ReservationRejected.class,
                e -> assertThat(e.reason()).isEqualTo(DeclineReason.INSUFFICIENT_BALANCE));
    }

    @Test
    void showsPaymentPendingWhileThePaymentIsDeferredAndConfirmsWhenItIsApprovedLater() {
        Reservation given = aRequestedReservation();
        Instant retryAt = NOW.plusSeconds(30);

        Reservation pending = given.on(deferred(given, retryAt), NOW).reservation();
        Transition confirmed = pending.on(approved(given), NOW);

        assertThat(pending.status()).isEqualTo(ReservationStatus.PAYMENT_PENDING);
        assertThat(pending.paymentRetryAt()).isEqualTo(retryAt);
        assertThat(confirmed.reservation().status()).isEqualTo(ReservationStatus.CONFIRMED);
        assertThat(confirmed.reservation().paymentRetryAt()).isNull();
        assertThat(confirmed.events()).singleElement().isInstanceOf(ReservationConfirmed.class);
    }

    @Test
    void aSecondApprovalChangesNothing() {
        Reservation given = aRequestedReservation();
        Reservation confirmed = after(given, approved(given));

        Transition again = confirmed.on(approved(confirmed), NOW);

        assertThat(again.changed()).isFalse();
        assertThat(again.events()).isEmpty();
        assertThat(again.reservation()).isEqualTo(confirmed);
    }

    @Test
    void anIssuedTicketMakesAConfirmedReservationTicketed() {
        Reservation given = aRequestedReservation();
        Reservation confirmed = after(given, approved(given));

        Transition t = confirmed.on(ticketIssued(given, "TK-1"), NOW);

        assertThat(t.reservation().status()).isEqualTo(ReservationStatus.TICKETED);
        assertThat(t.reservation().ticketNumber()).isEqualTo("TK-1");
        assertThat(t.events()).isEmpty();
    }

    @Test
    void cancellingATicketedReservationEmitsReservationCancelled() {
        Reservation given = aRequestedReservation();
        Reservation ticketed = after(given, approved(given), ticketIssued(given, "TK-1"));

        CancelOutcome outcome = ticketed.cancel(NOW);

        assertThat(outcome).isInstanceOfSatisfying(CancelOutcome.Cancelled.class, c -> {
            assertThat(c.transition().reservation().status()).isEqualTo(ReservationStatus.CANCELLED);
            assertThat(c.transition().events()).singleElement().isInstanceOf(ReservationCancelled.class);
        });
    }

    @Test
    void cancellingTwiceFindsItAlreadyCancelledAndEmitsNothingMore() {
        Reservation given = aRequestedReservation();
        Reservation cancelled = ((CancelOutcome.Cancelled) given.cancel(NOW)).transition().reservation();

        assertThat(cancelled.cancel(NOW)).isInstanceOf(CancelOutcome.AlreadyCancelled.class);
    }

    @Test
    void aRejectedReservationCannotBeCancelled() {
        Reservation given = aRequestedReservation();
        Reservation rejected = after(given, declined(given));

        assertThat(rejected.cancel(NOW)).isInstanceOf(CancelOutcome.NotCancellable.class);
    }

    @Test
    void anApprovalArrivingAfterTheCancellationDoesNotConfirm() {
        Reservation given = aRequestedReservation();
        Reservation cancelled = ((CancelOutcome.Cancelled) given.cancel(NOW)).transition().reservation();

        Transition t = cancelled.on(approved(given), NOW);

        assertThat(t.changed()).isFalse();
        assertThat(t.reservation().status()).isEqualTo(ReservationStatus.CANCELLED);
    }

    @Test
    void theRefundAndTheVoidedTicketAreRecordedOnceEach() {
        Reservation given = aRequestedReservation();
        Reservation ticketed = after(given, approved(given), ticketIssued(given, "TK-1"));
        Reservation cancelled = ((CancelOutcome.Cancelled) ticketed.cancel(NOW)).transition().reservation();

        Reservation settled = after(cancelled, refunded(given), ticketVoided(given, "TK-1"));

        assertThat(settled.refunded()).isTrue();
        assertThat(settled.ticketVoided()).isTrue();
        assertThat(settled.on(refunded(given), NOW).changed()).isFalse();
        assertThat(settled.on(ticketVoided(given, "TK-1"), NOW).changed()).isFalse();
    }

    @Test
    void everyChangeRaisesTheVersionSoReadersCanOrderThem() {
        Reservation given = aRequestedReservation();
        Reservation confirmed = after(given, approved(given));
        Reservation ticketed = after(confirmed, ticketIssued(given, "TK-1"));

        assertThat(given.version()).isLessThan(confirmed.version());
        assertThat(confirmed.version()).isLessThan(ticketed.version());
    }

    @Test
    void theSameStepTakenAgainEmitsAnEventWithTheSameId() {
        Reservation given = aRequestedReservation();

        var first = given.on(approved(given), NOW).events().get(0);
        var second = given.on(approved(given), NOW.plusSeconds(5)).events().get(0);

        assertThat(first.eventId()).isEqualTo(second.eventId());
    }
}
