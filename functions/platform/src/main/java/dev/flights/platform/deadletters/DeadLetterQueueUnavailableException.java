package dev.flights.platform.deadletters;

/**
 * The dead-letter queue could not be read or settled (the broker unreachable or busy, or the app's identity lacks
 * the right to receive from its subscription). Nothing was lost: a dead letter is removed only after its copy was
 * sent. Answered with 503; the reason says which.
 */
public class DeadLetterQueueUnavailableException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public DeadLetterQueueUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
