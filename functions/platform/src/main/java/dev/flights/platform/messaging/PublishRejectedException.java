package dev.flights.platform.messaging;

/**
 * The topic refused to take messages for a reason retrying will not fix. When {@link #messageId()} is set, that one
 * message can never be sent (too large for any batch, say): the messages before it in the call were sent, none after
 * it. When it is null the refusal is about the topic, not a message (no right to send, topic missing or disabled,
 * quota): nothing more can be sent until an operator acts, so a caller must not blame the messages.
 */
public class PublishRejectedException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final String reason;
    private final String messageId;

    public PublishRejectedException(String message, String reason, String messageId, Throwable cause) {
        super(message, cause);
        this.reason = reason;
        this.messageId = messageId;
    }

    /** Why the topic refused ({@code MESSAGE_SIZE_EXCEEDED}, {@code UNAUTHORIZED}, ...). */
    public String reason() {
        return reason;
    }

    /** The one message that can never be sent, or null when the topic refuses everything. */
    public String messageId() {
        return messageId;
    }
}
