package dev.flights.ticket.functions;

import static dev.flights.ticket.ReservationEvents.aReservation;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.flights.contract.codec.EventCodec;
import dev.flights.contract.codec.MalformedEventException;
import dev.flights.platform.correlation.Correlation;
import dev.flights.platform.inprocess.InProcessExecutionContext;
import dev.flights.platform.store.ContainerLayout;
import dev.flights.platform.store.DocumentStore;
import dev.flights.ticket.IssueTicketApplication;
import dev.flights.ticket.ReservationEvents;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.cloud.function.adapter.azure.AzureFunctionInstanceInjector;

/**
 * The function class as the Azure Java worker gets it: through the Spring adapter's instance injector, which finds
 * the app through MAIN_CLASS (the environment variable, else this system property, else the manifest's
 * Start-Class). The injector keeps one static Spring context per JVM, so this is the only test of this module
 * that uses it; surefire runs each module in its own JVM.
 */
class AzureWorkerInvocationTest {

    private static final AzureFunctionInstanceInjector INJECTOR = new AzureFunctionInstanceInjector();

    @BeforeAll
    static void theAppIsNamedAsTheWorkerNamesIt() {
        System.setProperty("MAIN_CLASS", IssueTicketApplication.class.getName());
    }

    @AfterAll
    static void forgetTheMainClass() {
        System.clearProperty("MAIN_CLASS");
    }

    @AfterEach
    void forgetTheCorrelationId() {
        Correlation.clear();
    }

    @Test
    void theInjectedFunctionClassIssuesATicketForAConfirmedReservationCloudEvent() throws Exception {
        ReservationEvents reservation = aReservation();

        INJECTOR.getInstance(TicketEventFunctions.class).onSagaEvent(
                EventCodec.encode(reservation.confirmed(), "/apps/reserve", "corr-azure-worker"),
                InProcessExecutionContext.of("issueTicketOnSagaEvent"));

        // the store bean of the same (static) context the function class came from
        assertThat(INJECTOR.getInstance(DocumentStore.class).container(ContainerLayout.TICKETS)
                .read(reservation.id().toString(), "ticket"))
                .hasValueSatisfying(doc -> assertThat(doc.path("status").asText()).isEqualTo("ISSUED"));
    }

    @Test
    void theInjectedFunctionClassRefusesAMessageThatIsNotACloudEvent() throws Exception {
        TicketEventFunctions functions = INJECTOR.getInstance(TicketEventFunctions.class);

        assertThatThrownBy(() -> functions.onSagaEvent("{\"hello\":1}",
                InProcessExecutionContext.of("issueTicketOnSagaEvent")))
                .isInstanceOf(MalformedEventException.class);
    }
}
