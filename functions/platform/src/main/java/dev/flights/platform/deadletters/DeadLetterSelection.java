package dev.flights.platform.deadletters;

import java.util.List;
import java.util.Objects;

/** Which dead letters to resubmit: the ones with these sequence numbers, or all (up to the per-call bound). */
public record DeadLetterSelection(boolean all, List<Long> sequenceNumbers) {

    public DeadLetterSelection {
        sequenceNumbers = List.copyOf(Objects.requireNonNull(sequenceNumbers, "sequenceNumbers"));
        if (all == !sequenceNumbers.isEmpty()) {
            throw new IllegalArgumentException("either all or some sequence numbers, not both nor neither");
        }
    }

    public static DeadLetterSelection everything() {
        return new DeadLetterSelection(true, List.of());
    }

    public static DeadLetterSelection of(List<Long> sequenceNumbers) {
        return new DeadLetterSelection(false, List.copyOf(new java.util.LinkedHashSet<>(sequenceNumbers)));
    }

    public boolean includes(long sequenceNumber) {
        return all || sequenceNumbers.contains(sequenceNumber);
    }
}
