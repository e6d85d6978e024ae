package dev.flights.platform.servicebus;

import dev.flights.platform.messaging.PublishRejectedException;

/**
 * The topic refused a batch for a reason retrying will not fix: one message too large for any batch (then
 * {@link #messageId()} names it), or the topic as a whole: no right to send (the app's identity lacks the Service
 * Bus Data Sender role), the topic missing or disabled, a quota exceeded. Nothing of that batch was enqueued;
 * earlier batches of the same call were. An operator has to act on the {@link #reason()}.
 */
public class TopicRejectedException extends PublishRejectedException {

    private static final long serialVersionUID = 1L;

    /** The reason given when one message alone does not fit an empty Service Bus batch (checked before sending). */
    public static final String MESSAGE_TOO_LARGE = "MESSAGE_TOO_LARGE";

    /** A refusal of the topic as a whole: the caller cannot blame any one message. */
    public TopicRejectedException(String message, String reason, Throwable cause) {
        super(message, reason, null, cause);
    }

    /** A refusal of one message ({@code messageId}); the messages before it in the call were sent. */
    public TopicRejectedException(String message, String reason, String messageId, Throwable cause) {
        super(message, reason, messageId, cause);
    }
}
