package dev.flights.ticket.application;

import static dev.flights.ticket.ReservationEvents.NOON;
import static dev.flights.ticket.ReservationEvents.aReservation;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.isNull;
import static org.mockito.Mockito.doThrow;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.flights.contract.codec.EventCodec;
import dev.flights.contract.events.TicketIssued;
import dev.flights.contract.events.TicketVoided;
import dev.flights.platform.inprocess.InMemoryDocumentStore;
import dev.flights.platform.outbox.Outbox;
import dev.flights.platform.outbox.OutboxWriter;
import dev.flights.platform.store.ContainerLayout;
import dev.flights.platform.store.DocumentConflictException;
import dev.flights.platform.store.DocumentContainer;
import dev.flights.platform.store.DocumentQuery;
import dev.flights.ticket.ReservationEvents;
import dev.flights.ticket.adapter.TicketDocuments;
import dev.flights.ticket.domain.Ticket;
import dev.flights.ticket.domain.TicketChange;
import dev.flights.ticket.domain.TicketStatus;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class TicketReactionsTest {

    private final InMemoryDocumentStore store = new InMemoryDocumentStore();
    private final DocumentContainer container = store.container(ContainerLayout.TICKETS);
    private final Tickets tickets = new TicketDocuments(store, OutboxWriter.relayOnly());
    private final Clock clock = Clock.fixed(NOON, ZoneOffset.UTC);
    private final IssueTicketOnReservationConfirmed issueTicket = new IssueTicketOnReservationConfirmed(tickets, clock);
    private final VoidTicketOnReservationCancelled voidTicket = new VoidTicketOnReservationCancelled(tickets, clock);
    private final ReservationEvents reservation = aReservation();

    @Test
    void storesTheIssuedTicketTogetherWithTicketIssuedInItsOutbox() {
        issueTicket.on(reservation.confirmed());

        ObjectNode ticket = ticketDocument();
        assertThat(ticket.path("docType").asText()).isEqualTo("ticket");
        assertThat(ticket.path("status").asText()).isEqualTo("ISSUED");
        assertThat(ticket.path("userId").asText()).isEqualTo("ew");
        assertThat(ticket.path("ticketNumber").asText()).isEqualTo(Ticket.numberFor(reservation.id()));
        assertThat(outboxEvents()).singleElement().isInstanceOfSatisfying(TicketIssued.class,
                issued -> assertThat(issued.ticketNumber()).isEqualTo(ticket.path("ticketNumber").asText()));
    }

    @Test
    void issuesNoSecondTicketWhenTheConfirmationIsDeliveredTwice() {
        issueTicket.on(reservation.confirmed());
        String etag = ticketDocument().path("_etag").asText();

        issueTicket.on(reservation.confirmed());

        assertThat(ticketDocument().path("_etag").asText()).isEqualTo(etag);
        assertThat(outboxEvents()).hasSize(1);
    }

    @Test
    void takesAConflictOnCreatingTheTicketAsWorkAlreadyDone() {
        Tickets racing = mock(Tickets.class);
        when(racing.find(reservation.id())).thenReturn(Optional.empty());
        doThrow(new DocumentConflictException("tickets: ticket already exists")).when(racing)
                .record(any(TicketChange.class), isNull());

        assertThatCode(() -> new IssueTicketOnReservationConfirmed(racing, clock).on(reservation.confirmed()))
                .doesNotThrowAnyException();
    }

    @Test
    void voidsTheIssuedTicketExactlyOnceWhenTheCancellationIsDeliveredTwice() {
        issueTicket.on(reservation.confirmed());

        voidTicket.on(reservation.cancelled());
        voidTicket.on(reservation.cancelled());

        assertThat(ticketDocument().path("status").asText()).isEqualTo("VOIDED");
        assertThat(outboxEvents()).hasSize(2).element(1).isInstanceOfSatisfying(TicketVoided.class,
                voided -> assertThat(voided.ticketNumber()).isEqualTo(Ticket.numberFor(reservation.id())));
    }

    @Test
    void neverIssuesATicketWhenTheConfirmationArrivesAfterTheCancel() {
        voidTicket.on(reservation.cancelled());
        issueTicket.on(reservation.confirmed());

        assertThat(ticketDocument().path("status").asText()).isEqualTo("VOIDED");
        assertThat(ticketDocument().path("ticketNumber").isNull()).isTrue();
        assertThat(outboxEvents()).isEmpty();
    }

    @Test
    void decidesAgainOnFreshStateWhenAnotherInstanceVoidedTheTicketFirst() {
        issueTicket.on(reservation.confirmed());
        VoidTicketOnReservationCancelled otherInstance = new VoidTicketOnReservationCancelled(tickets, clock);
        Tickets losingTheRace = new Tickets() {
            private boolean raced;

            @Override
            public Optional<Found> find(UUID reservationId) {
                return tickets.find(reservationId);
            }

            @Override
            public void record(TicketChange change, String etag) {
                if (!raced) {
                    raced = true;
                    otherInstance.on(reservation.cancelled());
                }
                tickets.record(change, etag);
            }
        };

        new VoidTicketOnReservationCancelled(losingTheRace, clock).on(reservation.cancelled());

        assertThat(outboxEvents()).filteredOn(TicketVoided.class::isInstance).hasSize(1);
        assertThat(ticket().status()).isEqualTo(TicketStatus.VOIDED);
    }

    private ObjectNode ticketDocument() {
        return container.read(reservation.id().toString(), "ticket").orElseThrow();
    }

    private Ticket ticket() {
        return tickets.find(reservation.id()).orElseThrow().ticket();
    }

    private List<Object> outboxEvents() {
        return Outbox.messagesIn(container.query(reservation.id().toString(), DocumentQuery.where("docType", "ticket")))
                .stream()
                .sorted(Comparator.comparing((ObjectNode d) -> d.path("type").asText()))
                .map(d -> (Object) EventCodec.decode(d.path("body").asText()).event())
                .toList();
    }
}
