package dev.flights.contract.events;

/** Why a payment was declined, and so why its reservation was rejected. */
public enum DeclineReason {
    INSUFFICIENT_BALANCE
}
