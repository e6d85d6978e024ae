package dev.flights.platform.servicebus;

/**
 * The topic refused the batch for a reason retrying will not fix: a message or the batch too large, no right
 * to send (the app's identity lacks the Service Bus Data Sender role), the topic missing or disabled, a quota
 * exceeded. Nothing of the batch was enqueued. The caller fails with this; an operator has to act on the
 * {@link #reason()}.
 */
public class TopicRejectedException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** The reason given when the messages do not fit one Service Bus batch (checked before anything is sent). */
    public static final String BATCH_TOO_LARGE = "BATCH_TOO_LARGE";

    private final String reason;

    public TopicRejectedException(String message, String reason, Throwable cause) {
        super(message, cause);
        this.reason = reason;
    }

    /** The Service Bus failure reason ({@code MESSAGE_SIZE_EXCEEDED}, {@code UNAUTHORIZED}, ...) or {@link #BATCH_TOO_LARGE}. */
    public String reason() {
        return reason;
    }
}
