package dev.flights.view.adapter;

import static dev.flights.view.ReservationVersions.aReservation;
import static dev.flights.view.ReservationVersions.changes;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.flights.view.ReservationVersions;
import org.junit.jupiter.api.Test;

class ReservationChangeFeedTest {

    private final ReservationChangeFeed feed = new ReservationChangeFeed();
    private final ReservationVersions reservation = aReservation().by("ew").version(3, "TICKETED");

    @Test
    void readsAReservationDocumentOfReserveAsTheVersionItIs() {
        assertThat(feed.reservationsIn(changes(reservation.document()))).containsExactly(reservation.view());
    }

    @Test
    void leavesTheOutboxDocumentsThatShareTheContainerOut() {
        assertThat(feed.reservationsIn(changes(reservation.outboxDocument(), reservation.document())))
                .containsExactly(reservation.view());
    }

    @Test
    void skipsAReservationDocumentItCannotReadAndKeepsTheRest() {
        ObjectNode unknownStatus = aReservation().document().put("status", "TELEPORTED");
        ObjectNode noVersion = aReservation().document();
        noVersion.remove("version");

        assertThat(feed.reservationsIn(changes(unknownStatus, noVersion, reservation.document())))
                .containsExactly(reservation.view());
    }

    @Test
    void refusesSomethingThatIsNotTheTriggersJsonArray() {
        assertThatThrownBy(() -> feed.reservationsIn("{\"id\":\"x\"}")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> feed.reservationsIn("[{")).isInstanceOf(IllegalArgumentException.class);
    }
}
