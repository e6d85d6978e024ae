package dev.flights.bench;

import java.util.Objects;

/**
 * One measured figure beside the baseline measured in the same run: e.g. the reserve app's median cold start
 * (value) beside a minimal Spring Cloud Function app's (baseline). {@code goal} is what the figure should reach,
 * {@code goalMet} whether it did; a figure without a goal has an empty goal text.
 */
public record Figure(String part, String what, double value, String unit, String baselineName, double baselineValue,
        String goal, boolean goalMet) {

    public Figure {
        Objects.requireNonNull(part, "part");
        Objects.requireNonNull(what, "what");
        Objects.requireNonNull(unit, "unit");
        Objects.requireNonNull(baselineName, "baselineName");
        Objects.requireNonNull(goal, "goal");
    }

    /** A figure whose goal is at most {@code limit} (lower is better). */
    public static Figure atMost(String part, String what, double value, String unit, String baselineName,
            double baselineValue, double limit) {
        return new Figure(part, what, value, unit, baselineName, baselineValue,
                "≤ " + Table.number(limit) + " " + unit, value <= limit);
    }

    /** A figure whose goal is at least {@code limit} (higher is better). */
    public static Figure atLeast(String part, String what, double value, String unit, String baselineName,
            double baselineValue, double limit) {
        return new Figure(part, what, value, unit, baselineName, baselineValue,
                "≥ " + Table.number(limit) + " " + unit, value >= limit);
    }

    /** A figure with no goal of its own, shown for what it explains. */
    public static Figure shown(String part, String what, double value, String unit, String baselineName,
            double baselineValue) {
        return new Figure(part, what, value, unit, baselineName, baselineValue, "", true);
    }
}
