package dev.flights.contract.events;

/** Emitted by reserve, the system of record of a reservation. */
public sealed interface ReservationEvent extends SagaEvent
        permits ReservationRequested, ReservationConfirmed, ReservationRejected, ReservationCancelled {
}
