package dev.flights.notify;

import static dev.flights.notify.SagaEvents.aReservation;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.azure.functions.HttpResponseMessage;
import dev.flights.contract.codec.EventCodec;
import dev.flights.notify.application.Webhook;
import dev.flights.notify.application.WebhookSettings;
import dev.flights.notify.domain.Language;
import dev.flights.notify.functions.NotificationEventFunctions;
import dev.flights.notify.functions.NotificationFunctions;
import dev.flights.platform.correlation.Correlation;
import dev.flights.platform.inprocess.InProcessExecutionContext;
import dev.flights.platform.inprocess.InProcessHttpRequest;
import dev.flights.platform.testing.SignedIn;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;

class NotifyApplicationTest {

    @AfterEach
    void forgetTheCorrelationId() {
        Correlation.clear();
    }

    @Test
    void theStartedAppListsWhatItsTopicFunctionWasTold() throws Exception {
        SagaEvents reservation = aReservation().by("ew");
        try (ConfigurableApplicationContext app = new SpringApplicationBuilder(NotifyApplication.class)
                .web(WebApplicationType.NONE).properties("FLIGHTS_IN_PROCESS=true").run()) {
            app.getBean(NotificationEventFunctions.class).onSagaEvent(
                    EventCodec.encode(reservation.confirmed(), "/apps/reserve", "corr-1"),
                    "message-1", InProcessExecutionContext.of("notifyOnSagaEvent"));

            HttpResponseMessage response = app.getBean(NotificationFunctions.class).list(
                    SignedIn.as("ew", InProcessHttpRequest.get("/api/notifications", Map.of("userId", "ew"))),
                    InProcessExecutionContext.of("listNotifications"));

            assertThat(response.getStatusCode()).isEqualTo(200);
            assertThat(EventCodec.json().readTree((String) response.getBody()).get("items"))
                    .singleElement().satisfies(item -> assertThat(item.path("type").asText())
                            .isEqualTo("ReservationConfirmed"));
            assertThat(app.getBeansOfType(Webhook.class)).isEmpty();
        }
    }

    @Test
    void theStartedAppHasNoWebhookWhenItsUrlIsBlank() {
        try (ConfigurableApplicationContext app = start(Map.of("NOTIFY_WEBHOOK_URL", " "))) {
            assertThat(app.getBeansOfType(Webhook.class)).isEmpty();
        }
    }

    @Test
    void theStartedAppSendsToTheWebhookItsEnvironmentNamesInTheLanguageItNames() throws Exception {
        SagaEvents reservation = aReservation().by("ew");
        try (WebhookReceiver receiver = WebhookReceiver.start();
                ConfigurableApplicationContext app = start(Map.of("NOTIFY_WEBHOOK_URL", receiver.url(),
                        "NOTIFY_WEBHOOK_SECRET", "test-only-secret", "NOTIFY_WEBHOOK_LANGUAGE", "ko",
                        "NOTIFY_WEBHOOK_TIMEOUT", "2s", "NOTIFY_WEBHOOK_RETRY_DELAY", "1m",
                        "NOTIFY_WEBHOOK_RETRY_MAX_ATTEMPTS", "3"))) {
            app.getBean(NotificationEventFunctions.class).onSagaEvent(
                    EventCodec.encode(reservation.confirmed(), "/apps/reserve", "corr-1"),
                    "message-1", InProcessExecutionContext.of("notifyOnSagaEvent"));

            WebhookSettings settings = app.getBean(WebhookSettings.class);
            assertThat(settings.language()).isEqualTo(Language.KO);
            assertThat(settings.timeout()).isEqualTo(Duration.ofSeconds(2));
            assertThat(settings.retry().delay()).isEqualTo(Duration.ofMinutes(1));
            assertThat(settings.retry().maxAttempts()).isEqualTo(3);
            assertThat(receiver.requests()).singleElement().satisfies(request -> {
                assertThat(request.header("X-Signature-256")).startsWith("sha256=");
                assertThat(EventCodec.json().readTree(request.body()).path("message").asText())
                        .contains("확정").contains(reservation.id().toString());
            });
        }
    }

    private static ConfigurableApplicationContext start(Map<String, Object> environmentVariables) {
        StandardEnvironment environment = new StandardEnvironment();
        // named like the real one, so that Spring Boot maps NOTIFY_WEBHOOK_RETRY_DELAY as it does on Azure
        String name = "test-" + StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME;
        environment.getPropertySources().addFirst(new SystemEnvironmentPropertySource(name, environmentVariables));
        return new SpringApplicationBuilder(NotifyApplication.class).environment(environment)
                .web(WebApplicationType.NONE).properties("FLIGHTS_IN_PROCESS=true").run();
    }
}
