package dev.flights.platform.http;

/** Input that breaks a rule; answered with 400 naming {@code field} and {@code rule}. Nothing has been stored. */
public class InvalidInputException extends RuntimeException {

    private final String field;
    private final String rule;

    public InvalidInputException(String field, String rule) {
        super(field + " " + rule);
        this.field = field;
        this.rule = rule;
    }

    public String field() {
        return field;
    }

    public String rule() {
        return rule;
    }
}
