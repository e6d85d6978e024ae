package dev.flights.platform.inprocess;

import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Random version-4 UUIDs for what the in-process stand-ins make up and nobody has to guess (a document's ETag, an
 * invocation id): from each thread's own generator, where {@link UUID#randomUUID()} draws every one from the shared
 * {@link java.security.SecureRandom}, whose lock every thread of the host then waits for.
 */
final class RandomIds {

    private RandomIds() {
    }

    static UUID uuid() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        long most = random.nextLong() & ~0xF000L | 0x4000L;
        long least = random.nextLong() & ~(0xC000_0000_0000_0000L) | 0x8000_0000_0000_0000L;
        return new UUID(most, least);
    }
}
