package dev.flights.platform.testing;

import java.util.List;

/** The log lines a failed test wrote, carried on its failure; no stack trace of its own, it only reports. */
public final class TestLogLines extends RuntimeException {

    TestLogLines(List<String> lines, long dropped) {
        super(message(lines, dropped), null, false, false);
    }

    private static String message(List<String> lines, long dropped) {
        String heading = dropped == 0 ? "the log lines of this test:"
                : "the last " + lines.size() + " log lines of this test (" + dropped + " before them are in the log file):";
        return heading + System.lineSeparator() + String.join(System.lineSeparator(), lines);
    }
}
