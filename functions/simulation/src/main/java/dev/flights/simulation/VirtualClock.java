package dev.flights.simulation;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/** The simulation's time: it moves only when the {@link Scheduler} moves it, so every app reads the same instant. */
public final class VirtualClock extends Clock {

    private volatile Instant now;

    VirtualClock(Instant start) {
        this.now = start;
    }

    void set(Instant instant) {
        if (instant.isBefore(now)) {
            throw new IllegalStateException("the virtual clock never goes back: " + now + " -> " + instant);
        }
        now = instant;
    }

    /** Per seed: every run starts at the same instant. */
    void reset(Instant start) {
        now = start;
    }

    @Override
    public Instant instant() {
        return now;
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return this;
    }
}
