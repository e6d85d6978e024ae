package dev.flights.platform.deadletters;

import java.util.List;

/**
 * The dead-letter sub-queue of one subscription of the topic.
 *
 * <p>Listing only peeks: nothing is locked, removed or counted as a delivery. Resubmitting sends a copy of each
 * chosen dead letter to the topic addressed to its own subscription only (the other consumers handled the original
 * already), under a new message id ({@link ResubmissionIds}) so duplicate detection lets it by, and only then
 * removes the dead letter; a copy that could not be sent leaves its dead letter where it was. The consumers handle
 * the copy like any redelivery: idempotently.
 */
public interface DeadLetterQueue {

    /** The most dead letters one {@link #list} answers. */
    int MAX_PAGE = 100;
    /** The most dead letters one {@link #resubmit} moves; "all" on a longer queue says {@code more}. */
    int MAX_RESUBMIT = 100;

    /**
     * Up to {@code max} dead letters of {@code subscription} in sequence-number order, from {@code fromSequenceNumber}
     * on (null: from the first).
     */
    List<DeadLetteredMessage> list(String subscription, Long fromSequenceNumber, int max);

    Resubmission resubmit(String subscription, DeadLetterSelection selection);
}
