package dev.flights.notify.application;

import dev.flights.notify.domain.Language;
import dev.flights.notify.domain.RetryPolicy;
import java.net.URI;
import java.time.Duration;
import java.util.Optional;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * N5: the webhook notify sends every notification to. Settings (environment names by relaxed binding):
 * {@code NOTIFY_WEBHOOK_URL} the receiver (absent or blank: no webhook); {@code NOTIFY_WEBHOOK_SECRET} the shared
 * secret the body is signed with (no default: without it requests go unsigned); {@code NOTIFY_WEBHOOK_LANGUAGE}
 * {@code en} or {@code ko}; {@code NOTIFY_WEBHOOK_TIMEOUT} how long a send may take; {@code NOTIFY_WEBHOOK_RETRY_DELAY}
 * the wait before the first retry, doubling per attempt up to {@code NOTIFY_WEBHOOK_RETRY_MAX_DELAY}, and
 * {@code NOTIFY_WEBHOOK_RETRY_MAX_ATTEMPTS} the sends before a notification is given up.
 */
@ConfigurationProperties("notify.webhook")
public record WebhookSettings(String url, String secret, @DefaultValue("en") Language language,
        @DefaultValue("5s") Duration timeout, @DefaultValue Retry retry) {

    public WebhookSettings {
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("NOTIFY_WEBHOOK_TIMEOUT must be positive, was " + timeout);
        }
        if (isSet(url) && !url.startsWith("http://") && !url.startsWith("https://")) {
            throw new IllegalArgumentException("NOTIFY_WEBHOOK_URL must be an http or https URL");
        }
        if (isSet(url)) {
            URI.create(url.strip());
        }
    }

    public record Retry(@DefaultValue("10s") Duration delay, @DefaultValue("10m") Duration maxDelay,
            @DefaultValue("8") int maxAttempts) {

        public Retry {
            policy(delay, maxDelay, maxAttempts);
        }

        public RetryPolicy policy() {
            return policy(delay, maxDelay, maxAttempts);
        }

        private static RetryPolicy policy(Duration delay, Duration maxDelay, int maxAttempts) {
            return new RetryPolicy(delay, maxDelay, maxAttempts); // validates them
        }
    }

    /** No webhook: the defaults, for code that runs without Spring binding (tests). */
    public static WebhookSettings off() {
        return new WebhookSettings(null, null, Language.EN, Duration.ofSeconds(5),
                new Retry(Duration.ofSeconds(10), Duration.ofMinutes(10), 8));
    }

    public boolean isOn() {
        return isSet(url);
    }

    public Optional<URI> receiver() {
        return isOn() ? Optional.of(URI.create(url.strip())) : Optional.empty();
    }

    public Optional<String> signingSecret() {
        return isSet(secret) ? Optional.of(secret) : Optional.empty();
    }

    /** The receiver without path or query, which often carry a token (chat webhooks): safe for a log line. */
    public String receiverHost() {
        return receiver().map(uri -> uri.getScheme() + "://" + uri.getHost()).orElse("(none)");
    }

    /** Never shows the secret or the URL's path, which would otherwise end up in a log line. */
    @Override
    public String toString() {
        return "WebhookSettings[url=" + receiverHost() + ", secret=" + (isSet(secret) ? "(set)" : "(none)")
                + ", language=" + language + ", timeout=" + timeout + ", retry=" + retry + "]";
    }

    private static boolean isSet(String value) {
        return value != null && !value.isBlank();
    }
}
