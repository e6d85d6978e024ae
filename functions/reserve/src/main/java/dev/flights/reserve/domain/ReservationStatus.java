package dev.flights.reserve.domain;

/** The statuses a customer sees (DESIGN.md section 5). */
public enum ReservationStatus {
    REQUESTED, PAYMENT_PENDING, CONFIRMED, TICKETED, REJECTED, CANCELLED;

    boolean awaitsPayment() {
        return this == REQUESTED || this == PAYMENT_PENDING;
    }
}
