package dev.flights.reserve.domain;

/** What asking to cancel did: cancelled it now, found it already cancelled, or could not (it was rejected). */
public sealed interface CancelOutcome {

    record Cancelled(Transition transition) implements CancelOutcome {
    }

    record AlreadyCancelled(Reservation reservation) implements CancelOutcome {
    }

    record NotCancellable(Reservation reservation) implements CancelOutcome {
    }
}
