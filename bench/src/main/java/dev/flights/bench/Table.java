package dev.flights.bench;

import java.util.List;
import java.util.Locale;

/** The bench's one table, in Markdown so that it can go into the README as it is printed. */
public final class Table {

    private Table() {
    }

    public static String markdown(List<Figure> figures) {
        StringBuilder out = new StringBuilder();
        out.append("| part | figure | value | baseline (same run) | goal |\n");
        out.append("|------|--------|------:|--------------------|------|\n");
        for (Figure figure : figures) {
            out.append("| ").append(figure.part())
                    .append(" | ").append(figure.what())
                    .append(" | ").append(number(figure.value())).append(' ').append(figure.unit())
                    .append(" | ").append(figure.baselineName()).append(": ")
                    .append(number(figure.baselineValue())).append(' ').append(figure.unit())
                    .append(" | ").append(goal(figure))
                    .append(" |\n");
        }
        return out.toString();
    }

    private static String goal(Figure figure) {
        if (figure.goal().isEmpty()) {
            return "";
        }
        return figure.goal() + (figure.goalMet() ? " (met)" : " (not met)");
    }

    /** Whole numbers as they are, others to three significant places at most. */
    public static String number(double value) {
        if (value == Math.rint(value) && Math.abs(value) < 1e15) {
            return String.format(Locale.ROOT, "%,d", (long) value);
        }
        double magnitude = Math.abs(value);
        String pattern = magnitude >= 100 ? "%,.0f" : magnitude >= 10 ? "%.1f" : magnitude >= 1 ? "%.2f" : "%.3g";
        return String.format(Locale.ROOT, pattern, value);
    }
}
