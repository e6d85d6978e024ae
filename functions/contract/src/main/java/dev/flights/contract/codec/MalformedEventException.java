package dev.flights.contract.codec;

/** A message that is not a saga event this contract knows; retrying it cannot help. */
public class MalformedEventException extends RuntimeException {

    public MalformedEventException(String message, Throwable cause) {
        super(message, cause);
    }

    public MalformedEventException(String message) {
        super(message);
    }
}
