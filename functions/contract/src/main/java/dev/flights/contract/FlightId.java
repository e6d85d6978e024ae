package dev.flights.contract;

import java.util.regex.Pattern;

/** A flight, such as KE123: letters, digits or '-', 2 to 16 characters. */
public record FlightId(String value) {

    public static final String RULE = "2 to 16 letters, digits or '-'";
    private static final Pattern VALID = Pattern.compile("[A-Za-z0-9-]{2,16}");

    public FlightId {
        if (!isValid(value)) {
            throw new IllegalArgumentException("flightId must be " + RULE);
        }
    }

    public static boolean isValid(String value) {
        return value != null && VALID.matcher(value).matches();
    }

    @Override
    public String toString() {
        return value;
    }
}
