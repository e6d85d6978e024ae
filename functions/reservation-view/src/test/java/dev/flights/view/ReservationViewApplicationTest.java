package dev.flights.view;

import static dev.flights.view.ReservationVersions.aReservation;
import static dev.flights.view.ReservationVersions.changes;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.azure.functions.HttpResponseMessage;
import dev.flights.contract.codec.EventCodec;
import dev.flights.platform.correlation.Correlation;
import dev.flights.platform.inprocess.InProcessExecutionContext;
import dev.flights.platform.inprocess.InProcessHttpRequest;
import dev.flights.platform.testing.SignedIn;
import dev.flights.view.functions.ReservationListFunctions;
import dev.flights.view.functions.ReservationViewFunctions;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

class ReservationViewApplicationTest {

    @AfterEach
    void forgetTheCorrelationId() {
        Correlation.clear();
    }

    @Test
    void theStartedAppListsWhatItsChangeFeedFunctionProjected() throws Exception {
        ReservationVersions reservation = aReservation().by("ew").version(2, "CONFIRMED");
        try (ConfigurableApplicationContext app = new SpringApplicationBuilder(ReservationViewApplication.class)
                .web(WebApplicationType.NONE).properties("FLIGHTS_IN_PROCESS=true").run()) {
            app.getBean(ReservationViewFunctions.class).project(changes(reservation.document()),
                    InProcessExecutionContext.of("projectReservationView"));

            HttpResponseMessage response = app.getBean(ReservationListFunctions.class).list(
                    SignedIn.as("ew", InProcessHttpRequest.get("/api/reservations", Map.of("userId", "ew"))),
                    InProcessExecutionContext.of("listReservations"));

            assertThat(response.getStatusCode()).isEqualTo(200);
            assertThat(EventCodec.json().readTree((String) response.getBody()).get("items"))
                    .singleElement().satisfies(item -> assertThat(item.path("status").asText())
                            .isEqualTo("CONFIRMED"));
        }
    }
}
