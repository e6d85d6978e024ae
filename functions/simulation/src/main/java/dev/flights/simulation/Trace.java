package dev.flights.simulation;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HexFormat;
import java.util.List;

/**
 * What a run did, step by step, at virtual times: every choice the scheduler made and what came of it. The SHA-256
 * of all of it identifies the run (the same seed gives the same hash); the last lines are kept to explain a failure,
 * or every line when a seed is replayed to be read.
 */
final class Trace {

    private static final int TAIL = 400;

    private final MessageDigest digest;
    private final boolean keepAll;
    private final Deque<String> lines = new ArrayDeque<>();
    private long count;

    Trace(boolean keepAll) {
        this.keepAll = keepAll;
        try {
            this.digest = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }

    void record(String line) {
        digest.update(line.getBytes(StandardCharsets.UTF_8));
        digest.update((byte) '\n');
        count++;
        lines.addLast(line);
        if (!keepAll && lines.size() > TAIL) {
            lines.removeFirst();
        }
    }

    /** Hashed, not kept: the many small choices (whose turn it is) that only the hash needs. */
    void mix(String line) {
        digest.update(line.getBytes(StandardCharsets.UTF_8));
        digest.update((byte) '\n');
    }

    long steps() {
        return count;
    }

    /** The hash of the whole trace so far (hex); recording goes on after it from the same state. */
    String hash() {
        try {
            return HexFormat.of().formatHex(((MessageDigest) digest.clone()).digest());
        } catch (CloneNotSupportedException e) {
            throw new IllegalStateException("SHA-256 digests clone", e);
        }
    }

    /** The kept lines: all of them when keeping all, else the last few hundred. */
    List<String> lines() {
        return new ArrayList<>(lines);
    }
}
