package dev.flights.ticket.domain;

import static dev.flights.ticket.ReservationEvents.NOON;
import static dev.flights.ticket.ReservationEvents.aReservation;
import static org.assertj.core.api.Assertions.assertThat;

import dev.flights.contract.events.TicketIssued;
import dev.flights.contract.events.TicketVoided;
import dev.flights.ticket.ReservationEvents;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class TicketTest {

    private static final Instant LATER = NOON.plusSeconds(3600);
    private final ReservationEvents reservation = aReservation().by("ew");

    @Test
    void issuesATicketNumberedAfterTheReservationWhenTheReservationIsConfirmed() {
        // given a confirmed reservation, when issue-ticket hears of it
        TicketChange change = Ticket.issueFor(reservation.confirmed(), NOON);

        // then the ticket is issued and TicketIssued says so with its number
        assertThat(change.ticket().status()).isEqualTo(TicketStatus.ISSUED);
        assertThat(change.ticket().ticketNumber()).matches("TK-[0-9A-F]{10}")
                .isEqualTo(Ticket.numberFor(reservation.id()));
        assertThat(change.events()).singleElement().isInstanceOfSatisfying(TicketIssued.class, issued -> {
            assertThat(issued.reservationId()).isEqualTo(reservation.id());
            assertThat(issued.userId().value()).isEqualTo("ew");
            assertThat(issued.flightId().value()).isEqualTo("KE123");
            assertThat(issued.ticketNumber()).isEqualTo(change.ticket().ticketNumber());
        });
    }

    @Test
    void derivesTheSameTicketNumberAndEventIdWhenTheConfirmationIsDeliveredAgainLater() {
        TicketChange first = Ticket.issueFor(reservation.confirmed(), NOON);
        TicketChange again = Ticket.issueFor(reservation.confirmed(), LATER);

        assertThat(again.ticket().ticketNumber()).isEqualTo(first.ticket().ticketNumber());
        assertThat(again.events().get(0).eventId()).isEqualTo(first.events().get(0).eventId())
                .isEqualTo(UUID.nameUUIDFromBytes((reservation.id() + "|TicketIssued").getBytes()));
    }

    @Test
    void givesTwoReservationsTwoTicketNumbers() {
        assertThat(Ticket.numberFor(UUID.randomUUID())).isNotEqualTo(Ticket.numberFor(UUID.randomUUID()));
    }

    @Test
    void voidsAnIssuedTicketAndSaysSoWithItsNumberWhenTheReservationIsCancelled() {
        // given an issued ticket
        Ticket issued = Ticket.issueFor(reservation.confirmed(), NOON).ticket();

        // when the reservation is cancelled
        TicketChange change = issued.voidFor(reservation.cancelled(), LATER);

        // then the ticket is voided and TicketVoided names the ticket
        assertThat(change.changed()).isTrue();
        assertThat(change.ticket().status()).isEqualTo(TicketStatus.VOIDED);
        assertThat(change.ticket().voidedAt()).isEqualTo(LATER);
        assertThat(change.ticket().issuedAt()).isEqualTo(NOON);
        assertThat(change.events()).singleElement().isInstanceOfSatisfying(TicketVoided.class, voided -> {
            assertThat(voided.ticketNumber()).isEqualTo(issued.ticketNumber());
            assertThat(voided.eventId())
                    .isEqualTo(UUID.nameUUIDFromBytes((reservation.id() + "|TicketVoided").getBytes()));
        });
    }

    @Test
    void changesNothingWhenAVoidedTicketIsCancelledAgain() {
        // given a voided ticket
        Ticket voided = Ticket.issueFor(reservation.confirmed(), NOON).ticket()
                .voidFor(reservation.cancelled(), NOON).ticket();

        // when the cancellation comes again
        TicketChange change = voided.voidFor(reservation.cancelled(), LATER);

        // then nothing happens
        assertThat(change.changed()).isFalse();
        assertThat(change.events()).isEmpty();
        assertThat(change.ticket()).isEqualTo(voided);
    }

    @Test
    void leavesAVoidedTombstoneAndTellsNobodyWhenTheCancelComesBeforeAnyTicket() {
        // given no ticket, when the reservation is cancelled
        TicketChange change = Ticket.voidedBeforeIssue(reservation.cancelled(), NOON);

        // then a voided ticket without a number is kept, and there is no event to send
        assertThat(change.changed()).isTrue();
        assertThat(change.events()).isEmpty();
        assertThat(change.ticket().status()).isEqualTo(TicketStatus.VOIDED);
        assertThat(change.ticket().ticketNumber()).isNull();
        assertThat(change.ticket().reservationId()).isEqualTo(reservation.id());
    }
}
