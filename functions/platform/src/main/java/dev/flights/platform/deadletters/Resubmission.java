package dev.flights.platform.deadletters;

import java.util.List;

/**
 * What one resubmission did: the dead letters sent again (and removed from the dead-letter queue), the chosen
 * sequence numbers that are not there, the ones that stayed because their copy could not be sent, and whether
 * "all" stopped at its bound with more left.
 */
public record Resubmission(String subscription, List<Resubmitted> resubmitted, List<Long> notFound,
        List<Failed> failed, boolean more) {

    public Resubmission {
        resubmitted = List.copyOf(resubmitted);
        notFound = List.copyOf(notFound);
        failed = List.copyOf(failed);
    }

    /** A dead letter sent again as {@code resubmittedAs}, the copy's message id. */
    public record Resubmitted(long sequenceNumber, String messageId, String type, String sessionId,
            String resubmittedAs) {
    }

    /** A dead letter left in the dead-letter queue, and why. */
    public record Failed(long sequenceNumber, String messageId, String reason) {
    }
}
