package dev.flights.pay.domain;

import static dev.flights.pay.fixtures.Reservations.T0;
import static dev.flights.pay.fixtures.Reservations.aReservation;
import static org.assertj.core.api.Assertions.assertThat;

import dev.flights.pay.fixtures.Reservations;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class PaymentRequestTest {

    private static final Duration DELAY = Duration.ofSeconds(30);

    @Test
    void theRetryDelayDoublesWithEveryAttemptUpToSixteenTimes() {
        Reservations reservation = aReservation();

        assertThat(reservation.attempt(0).retryAt(T0, DELAY)).isEqualTo(T0.plusSeconds(30));
        assertThat(reservation.attempt(1).retryAt(T0, DELAY)).isEqualTo(T0.plusSeconds(60));
        assertThat(reservation.attempt(3).retryAt(T0, DELAY)).isEqualTo(T0.plusSeconds(240));
        assertThat(reservation.attempt(4).retryAt(T0, DELAY)).isEqualTo(T0.plusSeconds(480));
        assertThat(reservation.attempt(9).retryAt(T0, DELAY)).isEqualTo(T0.plusSeconds(480));
    }

    @Test
    void deferringTellsTheReservationAndSchedulesTheNextAttempt() {
        Reservations reservation = aReservation().by("ew").costing(100);
        Instant retryAt = T0.plusSeconds(60);

        PaymentRequest.Deferral deferral = reservation.attempt(1).defer(retryAt, T0);

        assertThat(deferral.deferred().reservationId()).isEqualTo(reservation.id());
        assertThat(deferral.deferred().retryAt()).isEqualTo(retryAt);
        assertThat(deferral.retryDue().attempt()).isEqualTo(2);
        assertThat(deferral.retryDue().price()).isEqualTo(reservation.request().price());
        assertThat(deferral.retryDue().flightId()).isEqualTo(reservation.request().flightId());
    }

    @Test
    void deferringTheSameAttemptAgainReEmitsTheSameIdsAndAnotherAttemptDoesNot() {
        Reservations reservation = aReservation();

        PaymentRequest.Deferral once = reservation.attempt(0).defer(T0.plusSeconds(30), T0);
        PaymentRequest.Deferral again = reservation.attempt(0).defer(T0.plusSeconds(90), T0.plusSeconds(60));
        PaymentRequest.Deferral next = reservation.attempt(1).defer(T0.plusSeconds(120), T0.plusSeconds(60));

        assertThat(again.deferred().eventId()).isEqualTo(once.deferred().eventId());
        assertThat(again.retryDue().eventId()).isEqualTo(once.retryDue().eventId());
        assertThat(next.deferred().eventId()).isNotEqualTo(once.deferred().eventId());
        assertThat(next.retryDue().eventId()).isNotEqualTo(once.retryDue().eventId());
    }
}
