package dev.flights.contract.events;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

/**
 * Event ids derived from what happened rather than drawn at random: each step of a reservation happens at most once
 * (per attempt, for retries), so a step redone after a crash or a redelivery re-emits the same id, and the topic's
 * duplicate detection and the consumers' idempotency see it as the same event.
 */
public final class EventIds {

    private EventIds() {
    }

    public static UUID of(UUID reservationId, EventType type) {
        return derive(reservationId.toString(), type.name());
    }

    public static UUID of(UUID reservationId, EventType type, int attempt) {
        return derive(reservationId.toString(), type.name(), Integer.toString(attempt));
    }

    /** A name-based UUID of the parts joined with '|': the same parts give the same id. */
    public static UUID derive(String... parts) {
        return UUID.nameUUIDFromBytes(String.join("|", parts).getBytes(StandardCharsets.UTF_8));
    }
}
