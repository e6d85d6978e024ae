package dev.flights.view.domain;

/** The statuses a customer sees (DESIGN.md section 5), as reserve publishes them. */
public enum ReservationStatus {
    REQUESTED, PAYMENT_PENDING, CONFIRMED, TICKETED, REJECTED, CANCELLED
}
