package dev.flights.pay.domain;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

/**
 * Event ids derived from the reservation and what happened, so a step redone after a crash re-emits the same ids
 * and the topic's duplicate detection drops the second copy.
 */
final class Ids {

    private Ids() {
    }

    static UUID of(UUID reservationId, String type) {
        return UUID.nameUUIDFromBytes((reservationId + "|" + type).getBytes(StandardCharsets.UTF_8));
    }

    static UUID of(UUID reservationId, String type, int attempt) {
        return UUID.nameUUIDFromBytes((reservationId + "|" + type + "|" + attempt).getBytes(StandardCharsets.UTF_8));
    }
}
