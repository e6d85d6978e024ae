package dev.flights.view.domain;

import static dev.flights.view.ReservationVersions.aReservation;
import static org.assertj.core.api.Assertions.assertThat;

import dev.flights.view.ReservationVersions;
import org.junit.jupiter.api.Test;

class ReservationViewTest {

    private final ReservationVersions reservation = aReservation();

    @Test
    void aHigherVersionReplacesTheShownOne() {
        assertThat(reservation.version(3, "TICKETED").view()
                .supersedes(reservation.version(2, "CONFIRMED").view())).isTrue();
    }

    @Test
    void theSameVersionDeliveredAgainReplacesNothing() {
        assertThat(reservation.version(2, "CONFIRMED").view()
                .supersedes(reservation.version(2, "CONFIRMED").view())).isFalse();
    }

    @Test
    void anOlderVersionDeliveredLateReplacesNothing() {
        assertThat(reservation.version(1, "REQUESTED").view()
                .supersedes(reservation.version(3, "TICKETED").view())).isFalse();
    }
}
