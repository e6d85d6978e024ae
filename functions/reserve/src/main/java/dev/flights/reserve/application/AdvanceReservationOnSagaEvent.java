package dev.flights.reserve.application;

import dev.flights.contract.events.SagaEvent;
import dev.flights.platform.store.OptimisticRetry;
import dev.flights.reserve.domain.Transition;
import java.time.Clock;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Moves a reservation on when pay or issue-ticket reports: confirms or rejects it (F4, F5), shows it pending (N3),
 * records the ticket (F9), the refund (F8) and the voided ticket (F10). A repeated event changes nothing.
 */
@Component
public class AdvanceReservationOnSagaEvent implements Consumer<SagaEvent> {

    private static final Logger log = LoggerFactory.getLogger(AdvanceReservationOnSagaEvent.class);

    private final Reservations reservations;
    private final Clock clock;

    public AdvanceReservationOnSagaEvent(Reservations reservations, Clock clock) {
        this.reservations = reservations;
        this.clock = clock;
    }

    @Override
    public void accept(SagaEvent event) {
        on(event);
    }

    public void on(SagaEvent event) {
        OptimisticRetry.run(() -> {
            var found = reservations.find(event.reservationId());
            if (found.isEmpty()) {
                log.warn("{} for unknown reservation {} ignored", event.type(), event.reservationId());
                return null;
            }
            Transition transition = found.get().reservation().on(event, clock.instant());
            if (transition.changed()) {
                reservations.record(transition, found.get().etag());
                log.debug("reservation {} is {} after {}", event.reservationId(), transition.reservation().status(),
                        event.type());
            }
            return null;
        });
    }
}
