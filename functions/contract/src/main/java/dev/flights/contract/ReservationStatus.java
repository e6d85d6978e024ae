package dev.flights.contract;

/**
 * The statuses a customer sees (README, "The status of a reservation"): reserve sets them, the HTTP API and the reservation list show
 * them. {@code CANCELLED} carries {@code refunded: true} once the money is back.
 */
public enum ReservationStatus {
    REQUESTED, PAYMENT_PENDING, CONFIRMED, TICKETED, REJECTED, CANCELLED
}
