package dev.flights.reserve.application;

import static dev.flights.reserve.domain.ReservationFixtures.FLIGHT;
import static dev.flights.reserve.domain.ReservationFixtures.USER;
import static dev.flights.reserve.domain.ReservationFixtures.approved;
import static dev.flights.reserve.domain.ReservationFixtures.ticketIssued;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.flights.contract.FlightId;
import dev.flights.contract.ReservationStatus;
import dev.flights.platform.inprocess.InMemoryDocumentStore;
import dev.flights.platform.outbox.Outbox;
import dev.flights.platform.outbox.OutboxWriter;
import dev.flights.platform.store.ContainerLayout;
import dev.flights.platform.store.DocumentContainer;
import dev.flights.reserve.adapter.ReservationDocuments;
import dev.flights.reserve.domain.CancelOutcome;
import dev.flights.reserve.domain.Reservation;
import java.time.Clock;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class ReservationUseCasesTest {

    private final InMemoryDocumentStore store = new InMemoryDocumentStore();
    private final Reservations reservations = new ReservationDocuments(store, OutboxWriter.relayOnly());
    private final Clock clock = Clock.systemUTC();
    private final ReserveSeat reserveSeat = new ReserveSeat(reservations, new TicketSettings(100), clock);
    private final CancelReservation cancel = new CancelReservation(reservations, clock);
    private final AdvanceReservationOnSagaEvent advance = new AdvanceReservationOnSagaEvent(reservations, clock);

    @Test
    void reservingStoresTheReservationAndItsEventInTheSamePartition() {
        Reservation reservation = accepted(reserveSeat.apply(new ReserveSeatCommand(USER, FLIGHT, null)));

        List<ObjectNode> outbox = outboxOf(reservation.reservationId());
        assertThat(reservations.find(reservation.reservationId())).isPresent();
        assertThat(outbox).singleElement().satisfies(doc -> {
            assertThat(doc.path("type").asText()).isEqualTo("ReservationRequested");
            assertThat(doc.path("sessionId").asText()).isEqualTo(reservation.reservationId().toString());
        });
    }

    @Test
    void theSameIdempotencyKeyGivesTheSameReservationAndOneEvent() {
        Reservation first = accepted(reserveSeat.apply(new ReserveSeatCommand(USER, FLIGHT, "key-1")));
        Reservation second = accepted(reserveSeat.apply(new ReserveSeatCommand(USER, FLIGHT, "key-1")));

        assertThat(second.reservationId()).isEqualTo(first.reservationId());
        assertThat(outboxOf(first.reservationId())).hasSize(1);
    }

    @Test
    void anIdempotencyKeyReusedForAnotherFlightIsRefused() {
        reserveSeat.apply(new ReserveSeatCommand(USER, FLIGHT, "key-2"));

        ReserveSeatOutcome outcome = reserveSeat.apply(new ReserveSeatCommand(USER, new FlightId("OZ9"), "key-2"));

        assertThat(outcome).isInstanceOf(ReserveSeatOutcome.KeyReusedForAnotherRequest.class);
    }

    @Test
    void aPaymentEventDeliveredTwiceConfirmsOnceAndEmitsOneConfirmation() {
        Reservation reservation = accepted(reserveSeat.apply(new ReserveSeatCommand(USER, FLIGHT, null)));
        var approval = approved(reservation);

        advance.on(approval);
        advance.on(approval);

        assertThat(status(reservation)).isEqualTo(ReservationStatus.CONFIRMED);
        // the approval answers the request (so it was published): the confirmed version settles it
        assertThat(outboxOf(reservation.reservationId())).extracting(d -> d.path("type").asText())
                .containsExactly("ReservationConfirmed");
    }

    @Test
    void cancellingTwiceEmitsOneCancellation() {
        Reservation reservation = accepted(reserveSeat.apply(new ReserveSeatCommand(USER, FLIGHT, null)));
        advance.on(approved(reservation));
        advance.on(ticketIssued(reservation, "TK-9"));

        assertThat(cancel.apply(new CancelReservationCommand(reservation.reservationId(), USER))).get().isInstanceOf(CancelOutcome.Cancelled.class);
        assertThat(cancel.apply(new CancelReservationCommand(reservation.reservationId(), USER))).get().isInstanceOf(CancelOutcome.AlreadyCancelled.class);

        // the approval and the ticket answered the request and the confirmation; the cancellation waits, once
        assertThat(outboxOf(reservation.reservationId())).extracting(d -> d.path("type").asText())
                .containsExactly("ReservationCancelled");
    }

    @Test
    void aCancellationBeforeThePaymentAnsweredCarriesTheWaitingRequestOverBesideIt() {
        Reservation reservation = accepted(reserveSeat.apply(new ReserveSeatCommand(USER, FLIGHT, null)));

        cancel.apply(new CancelReservationCommand(reservation.reservationId(), USER));

        assertThat(outboxOf(reservation.reservationId())).extracting(d -> d.path("type").asText())
                .containsExactly("ReservationRequested", "ReservationCancelled");
    }

    @Test
    void cancellingAnUnknownReservationFindsNothing() {
        assertThat(cancel.apply(new CancelReservationCommand(UUID.randomUUID(), USER))).isEmpty();
    }

    @Test
    void cancellingAnotherCustomersReservationFindsNothingAndChangesNothing() {
        Reservation reservation = accepted(reserveSeat.apply(new ReserveSeatCommand(USER, FLIGHT, null)));

        assertThat(cancel.apply(new CancelReservationCommand(reservation.reservationId(),
                new dev.flights.contract.UserId("someone-else")))).isEmpty();

        assertThat(status(reservation)).isEqualTo(ReservationStatus.REQUESTED);
        assertThat(outboxOf(reservation.reservationId())).extracting(d -> d.path("type").asText())
                .containsExactly("ReservationRequested");
    }

    @Test
    void anEventForAnUnknownReservationChangesNothing() {
        Reservation stranger = dev.flights.reserve.domain.ReservationFixtures.aRequestedReservation();

        advance.on(approved(stranger));

        assertThat(reservations.find(stranger.reservationId())).isEmpty();
    }

    private ReservationStatus status(Reservation r) {
        return reservations.find(r.reservationId()).orElseThrow().reservation().status();
    }

    private List<ObjectNode> outboxOf(UUID reservationId) {
        DocumentContainer container = store.container(ContainerLayout.RESERVATIONS);
        // the change feed gives write order, which is the order the relay publishes in
        return Outbox.messagesIn(container.readChanges(null, 10_000).documents().stream()
                .filter(d -> d.path("reservationId").asText().equals(reservationId.toString()))
                .toList());
    }

    private static Reservation accepted(ReserveSeatOutcome outcome) {
        return ((ReserveSeatOutcome.Accepted) outcome).reservation();
    }
}
