package dev.flights.notify;

import static dev.flights.notify.SagaEvents.aReservation;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.azure.functions.HttpResponseMessage;
import dev.flights.contract.codec.EventCodec;
import dev.flights.notify.functions.NotificationEventFunctions;
import dev.flights.notify.functions.NotificationFunctions;
import dev.flights.platform.correlation.Correlation;
import dev.flights.platform.inprocess.InProcessExecutionContext;
import dev.flights.platform.inprocess.InProcessHttpRequest;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

class NotifyApplicationTest {

    @AfterEach
    void forgetTheCorrelationId() {
        Correlation.clear();
    }

    @Test
    void theStartedAppListsWhatItsTopicFunctionWasTold() throws Exception {
        SagaEvents reservation = aReservation().by("ew");
        try (ConfigurableApplicationContext app = new SpringApplicationBuilder(NotifyApplication.class)
                .web(WebApplicationType.NONE).run()) {
            app.getBean(NotificationEventFunctions.class).onSagaEvent(
                    EventCodec.encode(reservation.confirmed(), "/apps/reserve", "corr-1"),
                    InProcessExecutionContext.of("notifyOnSagaEvent"));

            HttpResponseMessage response = app.getBean(NotificationFunctions.class).list(
                    InProcessHttpRequest.get("/api/notifications", Map.of("userId", "ew")),
                    InProcessExecutionContext.of("listNotifications"));

            assertThat(response.getStatusCode()).isEqualTo(200);
            assertThat(EventCodec.json().readTree((String) response.getBody()).get("items"))
                    .singleElement().satisfies(item -> assertThat(item.path("type").asText())
                            .isEqualTo("ReservationConfirmed"));
        }
    }
}
