package dev.flights.platform.deadletters;

import dev.flights.contract.events.EventIds;

/**
 * The message id of a resubmitted copy: a name-based UUID of the subscription, the original message id and the
 * dead letter's sequence number. It differs from the original's (which the topic's duplicate detection has seen),
 * and from any earlier copy of the same event (each dead-lettering gets a new sequence number), and it is the same
 * when the same dead letter is resubmitted twice (its removal failed after the send): the topic drops that
 * second copy. The subscription is part of it because one event dead-lettered in two subscriptions may have the
 * same sequence number in both; a UUID keeps the id within Service Bus's 128 characters however often an event is
 * resubmitted.
 */
public final class ResubmissionIds {

    private ResubmissionIds() {
    }

    public static String of(String subscription, String originalMessageId, long sequenceNumber) {
        return EventIds.derive("resubmitted", subscription, originalMessageId, Long.toString(sequenceNumber))
                .toString();
    }
}
