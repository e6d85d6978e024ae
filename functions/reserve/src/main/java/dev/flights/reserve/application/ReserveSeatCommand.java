package dev.flights.reserve.application;

import dev.flights.contract.FlightId;
import dev.flights.contract.UserId;

/** F1: a customer asks for a seat; {@code idempotencyKey} may be null. */
public record ReserveSeatCommand(UserId userId, FlightId flightId, String idempotencyKey) {
}
