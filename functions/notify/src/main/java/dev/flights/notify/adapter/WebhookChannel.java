package dev.flights.notify.adapter;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.flights.contract.codec.EventCodec;
import dev.flights.notify.application.Webhook;
import dev.flights.notify.application.WebhookOutcome;
import dev.flights.notify.application.WebhookSettings;
import dev.flights.notify.domain.Language;
import dev.flights.notify.domain.Notification;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.InstantSource;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * N5: POSTs each notification as JSON to {@code NOTIFY_WEBHOOK_URL} with {@link java.net.http.HttpClient}, in the
 * configured language, signed in {@code X-Signature-256} when a secret is set (timestamped at the moment of each
 * send, retries included, so a receiver can refuse replays), with the notification's event id in
 * {@code X-Event-Id} for the receiver to dedupe on. A send waits for the answer at most the configured timeout,
 * whatever the receiver does; anything but a 2xx within it is a failed outcome, never an exception.
 */
public class WebhookChannel implements Webhook {

    static final String EVENT_ID_HEADER = "X-Event-Id";
    static final String CORRELATION_ID_HEADER = "X-Correlation-Id";
    private static final Logger log = LoggerFactory.getLogger(WebhookChannel.class);

    private final URI receiver;
    private final Optional<WebhookSignature> signature;
    private final Language language;
    private final Duration timeout;
    private final HttpClient client;
    private final InstantSource clock;

    public WebhookChannel(WebhookSettings settings, InstantSource clock) {
        this.clock = clock;
        this.receiver = settings.receiver()
                .orElseThrow(() -> new IllegalArgumentException("a webhook channel needs NOTIFY_WEBHOOK_URL"));
        this.signature = settings.signingSecret().map(WebhookSignature::new);
        this.language = settings.language();
        this.timeout = settings.timeout();
        this.client = HttpClient.newBuilder().connectTimeout(timeout).build();
        if (signature.isEmpty()) {
            log.warn("NOTIFY_WEBHOOK_SECRET is not set: webhook requests to {} go out unsigned",
                    settings.receiverHost());
        }
        log.info("notifications go to the webhook at {} in {} (timeout {})", settings.receiverHost(), language,
                timeout);
    }

    @Override
    public WebhookOutcome deliver(Notification notification) {
        CompletableFuture<HttpResponse<Void>> answer = null;
        try {
            answer = client.sendAsync(request(notification), HttpResponse.BodyHandlers.discarding());
            int status = answer.get(timeout.toMillis(), TimeUnit.MILLISECONDS).statusCode();
            return status >= 200 && status < 300
                    ? WebhookOutcome.delivered(status)
                    : WebhookOutcome.failed("the receiver answered HTTP " + status);
        } catch (TimeoutException e) {
            return WebhookOutcome.failed("no answer within " + timeout);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return WebhookOutcome.failed("interrupted while waiting for the receiver");
        } catch (ExecutionException e) {
            return WebhookOutcome.failed(String.valueOf(e.getCause()));
        } catch (RuntimeException e) {
            return WebhookOutcome.failed(e.toString());
        } finally {
            if (answer != null && !answer.isDone()) {
                answer.cancel(true);
            }
        }
    }

    private HttpRequest request(Notification notification) {
        byte[] body = body(notification);
        HttpRequest.Builder request = HttpRequest.newBuilder(receiver)
                .timeout(timeout)
                .header("Content-Type", "application/json; charset=utf-8")
                .header(EVENT_ID_HEADER, notification.eventId().toString())
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        if (notification.correlationId() != null) {
            request.header(CORRELATION_ID_HEADER, notification.correlationId());
        }
        signature.ifPresent(s -> request.header(WebhookSignature.HEADER, s.sign(clock.instant(), body)));
        return request.build();
    }

    private byte[] body(Notification n) {
        ObjectNode json = EventCodec.json().createObjectNode();
        json.put("type", n.type().name());
        json.put("eventId", n.eventId().toString());
        json.put("reservationId", n.reservationId().toString());
        json.put("userId", n.userId().value());
        json.put("language", language.name().toLowerCase(Locale.ROOT));
        json.put("message", n.message(language));
        json.put("occurredAt", n.occurredAt().toString());
        json.put("correlationId", n.correlationId());
        try {
            return EventCodec.json().writeValueAsBytes(json);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a JSON tree always serializes", e);
        }
    }
}
