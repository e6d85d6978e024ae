package dev.flights.notify.adapter;

import static dev.flights.notify.SagaEvents.aReservation;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.flights.contract.codec.EventCodec;
import dev.flights.notify.SagaEvents;
import dev.flights.notify.WebhookReceiver;
import dev.flights.notify.application.WebhookOutcome;
import dev.flights.notify.application.WebhookSettings;
import dev.flights.notify.domain.Language;
import dev.flights.notify.domain.Notification;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicReference;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class WebhookChannelTest {

    private static final String SECRET = "test-only-shared-secret";
    private static final Instant SENT = Instant.parse("2025-06-01T12:00:05Z");
    private static final long SENT_UNIX = 1_748_779_205L;

    private final WebhookReceiver receiver = WebhookReceiver.start();
    private final SagaEvents reservation = aReservation().by("ew");
    private final Notification approved = Notification.about(reservation.paymentApproved(100, 50), "corr-9")
            .orElseThrow();

    WebhookChannelTest() throws Exception {
    }

    @AfterEach
    void stopTheReceiver() {
        receiver.close();
    }

    @Test
    void signsTheRawBodyWithTheSharedSecretSoTheReceiverCanVerifyIt() throws Exception {
        WebhookOutcome outcome = channel(SECRET, Language.EN).deliver(approved);

        assertThat(outcome.delivered()).isTrue();
        WebhookReceiver.Request request = receiver.requests().get(0);
        assertThat(request.header("X-Signature-256")).isEqualTo(signed(SECRET, request.body()));
        assertThat(request.header("X-Signature-256")).isNotEqualTo(signed("another secret", request.body()));
        assertThat(new WebhookSignature(SECRET).verify(request.header("X-Signature-256"), request.body(), SENT))
                .isEqualTo(WebhookSignature.Verdict.VALID);
    }

    @Test
    void timestampsEachSendWithTheTimeItIsSent() throws Exception {
        AtomicReference<Instant> now = new AtomicReference<>(SENT);
        WebhookChannel channel = new WebhookChannel(settings(receiver.url(), SECRET, Language.EN,
                Duration.ofSeconds(5)), now::get);
        channel.deliver(approved);
        now.set(SENT.plusSeconds(600));

        channel.deliver(approved);

        assertThat(receiver.requests()).extracting(r -> r.header("X-Signature-256"))
                .allSatisfy(h -> assertThat(h).matches("t=[0-9]+,v1=[0-9a-f]{64}"))
                .extracting(h -> h.substring(0, h.indexOf(',')))
                .containsExactly("t=" + SENT_UNIX, "t=" + (SENT_UNIX + 600));
    }

    @Test
    void carriesTheNotificationAsJsonWithItsEventIdAsTheIdempotencyHeader() throws Exception {
        channel(SECRET, Language.EN).deliver(approved);

        WebhookReceiver.Request request = receiver.requests().get(0);
        assertThat(request.header("X-Event-Id")).isEqualTo(approved.eventId().toString());
        assertThat(request.header("X-Correlation-Id")).isEqualTo("corr-9");
        assertThat(request.header("Content-Type")).startsWith("application/json");
        JsonNode body = EventCodec.json().readTree(request.body());
        assertThat(body.path("type").asText()).isEqualTo("PaymentApproved");
        assertThat(body.path("eventId").asText()).isEqualTo(approved.eventId().toString());
        assertThat(body.path("reservationId").asText()).isEqualTo(reservation.id().toString());
        assertThat(body.path("userId").asText()).isEqualTo("ew");
        assertThat(body.path("message").asText()).isEqualTo(approved.message());
        assertThat(body.path("occurredAt").asText()).isEqualTo("2025-06-01T12:00:00Z");
        assertThat(body.path("correlationId").asText()).isEqualTo("corr-9");
    }

    @ParameterizedTest
    @EnumSource(Language.class)
    void writesEveryCustomerFacingEventInTheConfiguredLanguageAndSignsIt(Language language) throws Exception {
        WebhookChannel channel = channel(SECRET, language);
        List<Notification> notifications = reservation.everyCustomerFacingEvent().stream()
                .map(e -> Notification.about(e, "corr-1").orElseThrow()).toList();

        notifications.forEach(channel::deliver);

        assertThat(receiver.requests()).hasSameSizeAs(notifications);
        for (int i = 0; i < notifications.size(); i++) {
            WebhookReceiver.Request request = receiver.requests().get(i);
            JsonNode body = EventCodec.json().readTree(request.body());
            assertThat(body.path("message").asText()).isEqualTo(notifications.get(i).message(language));
            assertThat(body.path("language").asText()).isEqualTo(language.name().toLowerCase(Locale.ROOT));
            assertThat(request.header("X-Signature-256")).isEqualTo(signed(SECRET, request.body()));
        }
    }

    @Test
    void sendsNoSignatureWithoutASecret() {
        WebhookOutcome outcome = channel(null, Language.EN).deliver(approved);

        assertThat(outcome.delivered()).isTrue();
        assertThat(receiver.requests().get(0).header("X-Signature-256")).isNull();
    }

    @Test
    void reportsAnAnswerOtherThan2xxAsAFailureWithoutThrowing() {
        receiver.answering(500);

        WebhookOutcome outcome = channel(SECRET, Language.EN).deliver(approved);

        assertThat(outcome.delivered()).isFalse();
        assertThat(outcome.detail()).contains("500");
    }

    @Test
    void stopsWaitingForASlowReceiverAtTheTimeoutAndReportsAFailure() {
        receiver.answeringAfter(Duration.ofSeconds(30));

        WebhookOutcome outcome = new WebhookChannel(settings(receiver.url(), SECRET, Language.EN,
                Duration.ofMillis(200)), Clock.systemUTC()).deliver(approved);

        assertThat(outcome.delivered()).isFalse();
    }

    @Test
    void reportsAReceiverThatIsNotThereAsAFailure() {
        String url = receiver.url();
        receiver.close();

        WebhookOutcome outcome = new WebhookChannel(settings(url, SECRET, Language.EN, Duration.ofSeconds(2)),
                Clock.systemUTC()).deliver(approved);

        assertThat(outcome.delivered()).isFalse();
    }

    @Test
    void neverShowsTheSecretOrTheUrlsTokenInItsSettings() {
        assertThat(settings(receiver.url(), SECRET, Language.EN, Duration.ofSeconds(1)).toString())
                .doesNotContain(SECRET).doesNotContain("token=abc");
    }

    private WebhookChannel channel(String secret, Language language) {
        return new WebhookChannel(settings(receiver.url(), secret, language, Duration.ofSeconds(5)),
                Clock.fixed(SENT, ZoneOffset.UTC));
    }

    private static WebhookSettings settings(String url, String secret, Language language, Duration timeout) {
        return new WebhookSettings(url, secret, language, timeout, WebhookSettings.off().retry());
    }

    /** What a receiver computes to check the header: HMAC-SHA256 of "t.body" under the shared secret. */
    private static String signed(String secret, byte[] body) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        mac.update((SENT_UNIX + ".").getBytes(StandardCharsets.US_ASCII));
        return "t=" + SENT_UNIX + ",v1=" + HexFormat.of().formatHex(mac.doFinal(body));
    }
}
