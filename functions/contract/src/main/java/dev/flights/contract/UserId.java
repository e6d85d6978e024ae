package dev.flights.contract;

import java.util.regex.Pattern;

/** A customer: letters, digits, '.', '_' or '-', 1 to 64 characters. */
public record UserId(String value) {

    public static final String RULE = "1 to 64 letters, digits, '.', '_' or '-'";
    private static final Pattern VALID = Pattern.compile("[A-Za-z0-9._-]{1,64}");

    public UserId {
        if (!isValid(value)) {
            throw new IllegalArgumentException("userId must be " + RULE);
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
