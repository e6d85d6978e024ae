package dev.flights.ticket.functions;

import static dev.flights.ticket.ReservationEvents.NOON;
import static dev.flights.ticket.ReservationEvents.aReservation;
import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;

import dev.flights.contract.codec.EventCodec;
import dev.flights.platform.inprocess.InMemoryDocumentStore;
import dev.flights.platform.inprocess.InProcessExecutionContext;
import dev.flights.platform.messaging.EventPublisher;
import dev.flights.platform.messaging.OutgoingMessage;
import dev.flights.platform.outbox.Outbox;
import dev.flights.platform.outbox.OutboxRelay;
import dev.flights.platform.outbox.OutboxWriter;
import dev.flights.platform.store.ContainerLayout;
import dev.flights.platform.store.DocumentContainer;
import dev.flights.platform.store.DocumentQuery;
import dev.flights.ticket.ReservationEvents;
import dev.flights.ticket.adapter.TicketDocuments;
import dev.flights.ticket.application.IssueTicketOnReservationConfirmed;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;

class TicketOutboxFunctionsTest {

    @Test
    @SuppressWarnings("unchecked")
    void relaysTheOutboxOfTheTicketsChangeFeedToTheTopicAndNotTheTicket() {
        InMemoryDocumentStore store = new InMemoryDocumentStore();
        DocumentContainer tickets = store.container(ContainerLayout.TICKETS);
        ReservationEvents reservation = aReservation();
        new IssueTicketOnReservationConfirmed(new TicketDocuments(store, OutboxWriter.relayOnly()),
                Clock.fixed(NOON, ZoneOffset.UTC))
                .on(reservation.confirmed());
        String changes = EventCodec.json().createArrayNode()
                .addAll(tickets.readChanges(null, 100).documents()).toString();
        EventPublisher topic = mock(EventPublisher.class);

        new TicketOutboxFunctions(new OutboxRelay(topic, store, Clock.systemUTC(), Duration.ofDays(7)))
                .relay(changes, InProcessExecutionContext.of("relayTicketOutbox"));

        ArgumentCaptor<List<OutgoingMessage>> sent = ArgumentCaptor.forClass(List.class);
        verify(topic).publish(sent.capture());
        assertThat(sent.getValue()).singleElement().satisfies(message -> {
            assertThat(message.type()).isEqualTo("TicketIssued");
            assertThat(message.sessionId()).isEqualTo(reservation.id().toString());
        });
        assertThat(tickets.query(reservation.id().toString(), DocumentQuery.where("docType", "ticket")))
                .as("the sent entry is gone from the ticket's outbox in the tickets container the function names")
                .singleElement().satisfies(doc -> assertThat(Outbox.hasEmbeddedEntries(doc)).isFalse());
    }
}
