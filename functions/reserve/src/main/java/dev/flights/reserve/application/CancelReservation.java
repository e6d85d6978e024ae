package dev.flights.reserve.application;

import dev.flights.platform.store.OptimisticRetry;
import dev.flights.reserve.domain.CancelOutcome;
import java.time.Clock;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import org.springframework.stereotype.Component;

/** F6: cancels a reservation; empty when there is no such reservation. */
@Component
public class CancelReservation implements Function<UUID, Optional<CancelOutcome>> {

    private final Reservations reservations;
    private final Clock clock;

    public CancelReservation(Reservations reservations, Clock clock) {
        this.reservations = reservations;
        this.clock = clock;
    }

    @Override
    public Optional<CancelOutcome> apply(UUID reservationId) {
        return OptimisticRetry.run(() -> reservations.find(reservationId).map(found -> {
            CancelOutcome outcome = found.reservation().cancel(clock.instant());
            if (outcome instanceof CancelOutcome.Cancelled cancelled) {
                reservations.record(cancelled.transition(), found.etag());
            }
            return outcome;
        }));
    }
}
