package dev.flights.ticket;

import static dev.flights.ticket.ReservationEvents.aReservation;
import static org.assertj.core.api.Assertions.assertThat;

import dev.flights.contract.codec.EventCodec;
import dev.flights.platform.correlation.Correlation;
import dev.flights.platform.inprocess.InProcessExecutionContext;
import dev.flights.platform.store.ContainerLayout;
import dev.flights.platform.store.DocumentStore;
import dev.flights.ticket.functions.TicketEventFunctions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

class IssueTicketApplicationTest {

    @AfterEach
    void forgetTheCorrelationId() {
        Correlation.clear();
    }

    @Test
    void theStartedAppIssuesATicketThroughItsFunctionIntoTheStoreItWasGiven() {
        ReservationEvents reservation = aReservation();
        try (ConfigurableApplicationContext app = new SpringApplicationBuilder(IssueTicketApplication.class)
                .web(WebApplicationType.NONE).properties("FLIGHTS_IN_PROCESS=true").run()) {
            app.getBean(TicketEventFunctions.class).onSagaEvent(
                    EventCodec.encode(reservation.confirmed(), "/apps/reserve", "corr-1"),
                    "message-1", InProcessExecutionContext.of("issueTicketOnSagaEvent"));

            assertThat(app.getBean(DocumentStore.class).container(ContainerLayout.TICKETS)
                    .read(reservation.id().toString(), "ticket"))
                    .hasValueSatisfying(doc -> assertThat(doc.path("status").asText()).isEqualTo("ISSUED"));
        }
    }
}
