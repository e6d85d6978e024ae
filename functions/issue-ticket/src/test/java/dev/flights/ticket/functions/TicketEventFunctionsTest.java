package dev.flights.ticket.functions;

import static dev.flights.ticket.ReservationEvents.NOON;
import static dev.flights.ticket.ReservationEvents.aReservation;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.flights.contract.Money;
import dev.flights.contract.UserId;
import dev.flights.contract.codec.EventCodec;
import dev.flights.contract.codec.MalformedEventException;
import dev.flights.contract.events.PaymentApproved;
import dev.flights.contract.events.SagaEvent;
import dev.flights.platform.correlation.Correlation;
import dev.flights.platform.inprocess.FaultInjectingDocumentStore;
import dev.flights.platform.inprocess.InMemoryDocumentStore;
import dev.flights.platform.inprocess.InProcessExecutionContext;
import dev.flights.platform.messaging.DeferringConsumer;
import dev.flights.platform.messaging.MessageRetrySettings;
import dev.flights.platform.messaging.OutgoingMessage;
import dev.flights.platform.outbox.Outbox;
import dev.flights.platform.outbox.OutboxWriter;
import dev.flights.platform.store.ContainerLayout;
import dev.flights.platform.store.DocumentContainer;
import dev.flights.platform.store.DocumentQuery;
import dev.flights.ticket.ReservationEvents;
import dev.flights.ticket.adapter.TicketDocuments;
import dev.flights.ticket.application.IssueTicketOnReservationConfirmed;
import dev.flights.ticket.application.VoidTicketOnReservationCancelled;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class TicketEventFunctionsTest {

    private final FaultInjectingDocumentStore store = new FaultInjectingDocumentStore(new InMemoryDocumentStore());
    private final List<OutgoingMessage> sent = new ArrayList<>();
    private final DocumentContainer tickets = store.container(ContainerLayout.TICKETS);
    private final TicketEventFunctions functions;
    private final ReservationEvents reservation = aReservation();

    TicketEventFunctionsTest() {
        TicketDocuments documents = new TicketDocuments(store, OutboxWriter.relayOnly());
        Clock clock = Clock.fixed(NOON, ZoneOffset.UTC);
        functions = new TicketEventFunctions(
                new DeferringConsumer(sent::addAll, MessageRetrySettings.defaults(), clock),
                new IssueTicketOnReservationConfirmed(documents, clock),
                new VoidTicketOnReservationCancelled(documents, clock));
    }

    @AfterEach
    void forgetTheCorrelationId() {
        Correlation.clear();
    }

    @Test
    void issuesTheTicketOfAConfirmationFromTheTopicAndQueuesTicketIssuedForItsSession() {
        deliver(reservation.confirmed(), "corr-42");

        assertThat(ticket().path("status").asText()).isEqualTo("ISSUED");
        assertThat(outbox()).singleElement().satisfies(doc -> {
            assertThat(doc.path("type").asText()).isEqualTo("TicketIssued");
            assertThat(doc.path("sessionId").asText()).isEqualTo(reservation.id().toString());
        });
    }

    @Test
    void voidsTheTicketOfACancellationFromTheTopic() {
        deliver(reservation.confirmed(), "corr-1");
        deliver(reservation.cancelled(), "corr-1");

        assertThat(ticket().path("status").asText()).isEqualTo("VOIDED");
        assertThat(outbox()).extracting(d -> d.path("type").asText())
                .containsExactlyInAnyOrder("TicketIssued", "TicketVoided");
    }

    @Test
    void whileTheStoreIsUnavailableAConfirmationIsSentBackToIssueTicketLaterAndTheMessageCompletes() {
        store.setFailing(true);

        deliver(reservation.confirmed(), "corr-7");

        store.setFailing(false);
        assertThat(tickets.read(reservation.id().toString(), "ticket")).isEmpty();
        assertThat(sent).singleElement().satisfies(copy -> {
            assertThat(copy.to()).isEqualTo("issue-ticket");
            assertThat(copy.messageId()).isEqualTo("message-1:issue-ticket:retry-1");
            assertThat(copy.sessionId()).isEqualTo(reservation.id().toString());
            assertThat(copy.type()).isEqualTo("ReservationConfirmed");
            assertThat(copy.scheduledEnqueueTime()).isEqualTo(NOON.plus(Duration.ofSeconds(5)));
        });
    }

    @Test
    void leavesTicketsAloneForAnEventThatIsNotForIssueTicket() {
        deliver(new PaymentApproved(UUID.randomUUID(), NOON, reservation.id(), new UserId("ew"), Money.of(100),
                Money.of(50)), "corr-1");

        assertThat(tickets.read(reservation.id().toString(), "ticket")).isEmpty();
    }

    @Test
    void refusesAMessageThatIsNotACloudEventSoTheTopicCanDeadLetterIt() {
        assertThatThrownBy(() -> functions.onSagaEvent("{\"hello\":1}",
                "message-1", InProcessExecutionContext.of("issueTicketOnSagaEvent")))
                .isInstanceOf(MalformedEventException.class);
    }

    private void deliver(SagaEvent event, String correlationId) {
        functions.onSagaEvent(EventCodec.encode(event, "/apps/reserve", correlationId),
                "message-1", InProcessExecutionContext.of("issueTicketOnSagaEvent"));
    }

    private ObjectNode ticket() {
        return tickets.read(reservation.id().toString(), "ticket").orElseThrow();
    }

    private List<ObjectNode> outbox() {
        return Outbox.messagesIn(tickets.query(reservation.id().toString(), DocumentQuery.where("docType", "ticket")));
    }
}
