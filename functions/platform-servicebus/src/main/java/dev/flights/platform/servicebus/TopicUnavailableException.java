package dev.flights.platform.servicebus;

/**
 * The topic could not be reached or was busy, and the SDK's own retries (exponential backoff, see
 * {@link ServiceBusSenders#retryOptions()}) gave up. Nothing of the batch was enqueued, or, at worst, the batch was
 * enqueued but the acknowledgement was lost: either way the caller should fail so its trigger retries later
 * (the outbox relay's change is delivered again, pay's deferral is retried); sending the same messages again is
 * harmless because the topic drops duplicates by message id.
 */
public class TopicUnavailableException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final String reason;

    public TopicUnavailableException(String message, String reason, Throwable cause) {
        super(message, cause);
        this.reason = reason;
    }

    /** The Service Bus failure reason (for example {@code SERVICE_BUSY}, {@code SERVICE_TIMEOUT}). */
    public String reason() {
        return reason;
    }
}
