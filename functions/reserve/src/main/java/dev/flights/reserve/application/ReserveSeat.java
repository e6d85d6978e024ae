package dev.flights.reserve.application;

import dev.flights.contract.events.EventIds;
import dev.flights.contract.events.ReservationRequested;
import dev.flights.platform.store.DocumentConflictException;
import dev.flights.reserve.domain.Reservation;
import dev.flights.reserve.domain.Transition;
import java.time.Clock;
import java.util.UUID;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * F1, F2, F3: stores a REQUESTED reservation and its ReservationRequested event together. With an idempotency key
 * the reservation id derives from the customer and the key, so the same key always lands on the same reservation.
 */
@Component
public class ReserveSeat implements Function<ReserveSeatCommand, ReserveSeatOutcome> {

    private static final Logger log = LoggerFactory.getLogger(ReserveSeat.class);

    private final Reservations reservations;
    private final TicketSettings settings;
    private final Clock clock;

    public ReserveSeat(Reservations reservations, TicketSettings settings, Clock clock) {
        this.reservations = reservations;
        this.settings = settings;
        this.clock = clock;
    }

    @Override
    public ReserveSeatOutcome apply(ReserveSeatCommand command) {
        UUID id = command.idempotencyKey() == null ? UUID.randomUUID()
                : EventIds.derive(command.userId().value(), command.idempotencyKey());
        Transition requested = Reservation.request(id, command.userId(), command.flightId(),
                settings.ticketPrice(), clock.instant());
        try {
            reservations.record(requested, null);
            log.debug("reservation {} requested by {} on {}", id, command.userId(), command.flightId());
            return new ReserveSeatOutcome.Accepted(requested.reservation());
        } catch (DocumentConflictException sameKey) {
            Reservation existing = reservations.find(id).orElseThrow(() -> sameKey).reservation();
            ReservationRequested asked = (ReservationRequested) requested.events().get(0);
            return existing.flightId().equals(asked.flightId())
                    ? new ReserveSeatOutcome.Accepted(existing)
                    : new ReserveSeatOutcome.KeyReusedForAnotherRequest(existing);
        }
    }
}
