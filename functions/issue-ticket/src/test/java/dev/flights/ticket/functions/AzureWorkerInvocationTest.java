package dev.flights.ticket.functions;

import static dev.flights.ticket.ReservationEvents.aReservation;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.flights.contract.codec.EventCodec;
import dev.flights.contract.codec.MalformedEventException;
import dev.flights.platform.inprocess.InProcessExecutionContext;
import dev.flights.platform.store.ContainerLayout;
import dev.flights.platform.store.DocumentStore;
import dev.flights.platform.testing.AzureWorker;
import dev.flights.ticket.IssueTicketApplication;
import dev.flights.ticket.ReservationEvents;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import dev.flights.platform.testing.DebugLogging;
import dev.flights.platform.testing.RecordingExecutionContext;

/** The function classes as the Azure Java worker gets them (see {@link AzureWorker}). */
class AzureWorkerInvocationTest {

    @RegisterExtension
    static final AzureWorker WORKER = AzureWorker.forApp(IssueTicketApplication.class);

    @Test
    void theInjectedFunctionClassIssuesATicketForAConfirmedReservationCloudEvent() throws Exception {
        ReservationEvents reservation = aReservation();

        WORKER.instance(TicketEventFunctions.class).onSagaEvent(
                EventCodec.encode(reservation.confirmed(), "/apps/reserve", "corr-azure-worker"),
                "message-1", InProcessExecutionContext.of("issueTicketOnSagaEvent"));

        // the store bean of the same (static) context the function class came from
        assertThat(WORKER.instance(DocumentStore.class).container(ContainerLayout.TICKETS)
                .read(reservation.id().toString(), "ticket"))
                .hasValueSatisfying(doc -> assertThat(doc.path("status").asText()).isEqualTo("ISSUED"));
    }

    @Test
    void theAppsLogLinesReachTheInvocationsLoggerWithTheEventsCorrelationId() throws Exception {
        ReservationEvents reservation = aReservation();
        RecordingExecutionContext invocation = new RecordingExecutionContext("issueTicketOnSagaEvent");

        DebugLogging.during(() -> WORKER.instance(TicketEventFunctions.class).onSagaEvent(
                EventCodec.encode(reservation.confirmed(), "/apps/reserve", "corr-ticket-log"), "message-log",
                invocation));

        assertThat(invocation.messages()).isNotEmpty().allSatisfy(line -> assertThat(line).startsWith("[corr-ticket-log] "))
                .anySatisfy(line -> assertThat(line).startsWith("[corr-ticket-log] IssueTicketOnReservationConfirmed: ticket ")
                        .endsWith(" issued for reservation " + reservation.id()));
    }

    @Test
    void theInjectedFunctionClassRefusesAMessageThatIsNotACloudEvent() throws Exception {
        TicketEventFunctions functions = WORKER.instance(TicketEventFunctions.class);

        assertThatThrownBy(() -> functions.onSagaEvent("{\"hello\":1}",
                "message-1", InProcessExecutionContext.of("issueTicketOnSagaEvent")))
                .isInstanceOf(MalformedEventException.class);
    }
}
