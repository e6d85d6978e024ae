package dev.flights.pay.domain;

/**
 * Where a reservation's payment stands. Every status is final for charging: once a reservation has a payment, of
 * whatever status, it is never charged again. Only CHARGED moves on, to REFUNDED.
 */
public enum PaymentStatus {
    CHARGED, DECLINED, REFUNDED, CANCELLED_UNPAID
}
