package dev.flights.reserve.application;

import dev.flights.platform.store.OptimisticRetry;
import dev.flights.reserve.domain.CancelOutcome;
import java.time.Clock;
import java.util.Optional;
import java.util.function.Function;
import org.springframework.stereotype.Component;

/**
 * F6: cancels a reservation for the customer who made it; empty when there is no such reservation or it is another
 * customer's, so a caller cannot tell the two apart (nor touch the other's).
 */
@Component
public class CancelReservation implements Function<CancelReservationCommand, Optional<CancelOutcome>> {

    private final Reservations reservations;
    private final Clock clock;

    public CancelReservation(Reservations reservations, Clock clock) {
        this.reservations = reservations;
        this.clock = clock;
    }

    @Override
    public Optional<CancelOutcome> apply(CancelReservationCommand command) {
        return OptimisticRetry.run(() -> reservations.find(command.reservationId())
                .filter(found -> found.reservation().userId().equals(command.requestedBy()))
                .map(found -> {
                    CancelOutcome outcome = found.reservation().cancel(clock.instant());
                    if (outcome instanceof CancelOutcome.Cancelled cancelled) {
                        reservations.record(cancelled.transition(), found.etag());
                    }
                    return outcome;
                }));
    }
}
