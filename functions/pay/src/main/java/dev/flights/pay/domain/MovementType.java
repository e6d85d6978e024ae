package dev.flights.pay.domain;

/** What moved an account's balance: money in (a deposit, a refund) or out (a charge). */
public enum MovementType {
    DEPOSIT, CHARGE, REFUND
}
