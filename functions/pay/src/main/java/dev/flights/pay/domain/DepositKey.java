package dev.flights.pay.domain;

import java.util.regex.Pattern;

/**
 * The client's {@code Idempotency-Key} of a deposit: a retried request with the same key is the same deposit. Its
 * characters are safe in a document id, a header and a log line.
 */
public record DepositKey(String value) {

    public static final String RULE = "1 to 64 letters, digits, '.', '_' or '-'";
    private static final Pattern VALID = Pattern.compile("[A-Za-z0-9._-]{1,64}");

    public DepositKey {
        if (!isValid(value)) {
            throw new IllegalArgumentException("an idempotency key must be " + RULE);
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
