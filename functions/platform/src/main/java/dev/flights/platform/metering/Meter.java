package dev.flights.platform.metering;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.DoubleAdder;
import java.util.concurrent.atomic.LongAdder;

/**
 * Named counters, safe to add to from any thread: each key holds how many times something happened and an amount
 * that goes with it (request units, milliseconds, billable operations). Keys are free text, e.g.
 * {@code "reserve reservations batch"}; {@link #snapshot()} returns them sorted.
 */
public final class Meter {

    /** What one key has counted so far. */
    public record Reading(long count, double amount) {

        public static final Reading ZERO = new Reading(0, 0);

        public Reading plus(Reading other) {
            return new Reading(count + other.count, amount + other.amount);
        }

        public Reading minus(Reading other) {
            return new Reading(count - other.count, amount - other.amount);
        }
    }

    private static final class Cell {
        final LongAdder count = new LongAdder();
        final DoubleAdder amount = new DoubleAdder();
    }

    private final Map<String, Cell> cells = new ConcurrentHashMap<>();

    /** Counts {@code count} occurrences of {@code key} with {@code amount} between them. */
    public void record(String key, long count, double amount) {
        Cell cell = cells.computeIfAbsent(key, k -> new Cell());
        cell.count.add(count);
        cell.amount.add(amount);
    }

    /** One occurrence of {@code key} with {@code amount}. */
    public void record(String key, double amount) {
        record(key, 1, amount);
    }

    /** Every key counted so far, sorted by key. */
    public Map<String, Reading> snapshot() {
        Map<String, Reading> readings = new TreeMap<>();
        cells.forEach((key, cell) -> readings.put(key, new Reading(cell.count.sum(), cell.amount.sum())));
        return readings;
    }

    /** What was counted between {@code before} and {@code after} (two snapshots), keys that did not move left out. */
    public static Map<String, Reading> difference(Map<String, Reading> after, Map<String, Reading> before) {
        Map<String, Reading> moved = new TreeMap<>();
        after.forEach((key, reading) -> {
            Reading delta = reading.minus(before.getOrDefault(key, Reading.ZERO));
            if (delta.count() != 0 || delta.amount() != 0) {
                moved.put(key, delta);
            }
        });
        return moved;
    }

    /** The sum of every reading. */
    public static Reading total(Map<String, Reading> readings) {
        return readings.values().stream().reduce(Reading.ZERO, Reading::plus);
    }
}
