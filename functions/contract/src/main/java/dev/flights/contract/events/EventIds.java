package dev.flights.contract.events;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.UUID;

/**
 * Event ids derived from what happened rather than drawn at random: each step of a reservation happens at most once
 * (per attempt, for retries), so a step redone after a crash or a redelivery re-emits the same id, and the topic's
 * duplicate detection and the consumers' idempotency see it as the same event.
 */
public final class EventIds {

    private static final ThreadLocal<MessageDigest> MD5 = ThreadLocal.withInitial(() -> {
        try {
            return MessageDigest.getInstance("MD5");
        } catch (NoSuchAlgorithmException e) {
            throw new InternalError("every Java platform has MD5", e);
        }
    });

    private EventIds() {
    }

    public static UUID of(UUID reservationId, EventType type) {
        return derive(reservationId.toString(), type.name());
    }

    public static UUID of(UUID reservationId, EventType type, int attempt) {
        return derive(reservationId.toString(), type.name(), Integer.toString(attempt));
    }

    /**
     * A name-based UUID of the parts joined with '|': the same parts give the same id. It is
     * {@link UUID#nameUUIDFromBytes} (version 3, MD5) with a digest kept per thread, where that method looks one up
     * in the security providers for every id.
     */
    public static UUID derive(String... parts) {
        byte[] md5 = MD5.get().digest(String.join("|", parts).getBytes(StandardCharsets.UTF_8));
        md5[6] = (byte) (md5[6] & 0x0f | 0x30);
        md5[8] = (byte) (md5[8] & 0x3f | 0x80);
        long most = 0;
        long least = 0;
        for (int i = 0; i < 8; i++) {
            most = most << 8 | md5[i] & 0xff;
            least = least << 8 | md5[i + 8] & 0xff;
        }
        return new UUID(most, least);
    }

}
