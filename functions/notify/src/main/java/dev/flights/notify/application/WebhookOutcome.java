package dev.flights.notify.application;

/** What one webhook send came to: taken by the receiver (2xx), or not, with what went wrong. */
public record WebhookOutcome(boolean delivered, String detail) {

    public static WebhookOutcome delivered(int status) {
        return new WebhookOutcome(true, "HTTP " + status);
    }

    public static WebhookOutcome failed(String detail) {
        return new WebhookOutcome(false, detail);
    }
}
