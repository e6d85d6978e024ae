package dev.flights.ticket.application;

import dev.flights.contract.events.ReservationCancelled;
import dev.flights.platform.store.OptimisticRetry;
import dev.flights.ticket.domain.Ticket;
import dev.flights.ticket.domain.TicketChange;
import java.time.Clock;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * F10: voids the ticket of a cancelled reservation, exactly once. Without a ticket yet it leaves a voided tombstone,
 * so that a confirmation arriving after the cancel never issues one.
 */
@Component
public class VoidTicketOnReservationCancelled implements Consumer<ReservationCancelled> {

    private static final Logger log = LoggerFactory.getLogger(VoidTicketOnReservationCancelled.class);

    private final Tickets tickets;
    private final Clock clock;

    public VoidTicketOnReservationCancelled(Tickets tickets, Clock clock) {
        this.tickets = tickets;
        this.clock = clock;
    }

    @Override
    public void accept(ReservationCancelled event) {
        on(event);
    }

    public void on(ReservationCancelled cancelled) {
        OptimisticRetry.run(() -> {
            var found = tickets.find(cancelled.reservationId());
            if (found.isEmpty()) {
                tickets.record(Ticket.voidedBeforeIssue(cancelled, clock.instant()), null);
                log.info("reservation {} cancelled before its ticket; none will be issued", cancelled.reservationId());
                return null;
            }
            TicketChange change = found.get().ticket().voidFor(cancelled, clock.instant());
            if (change.changed()) {
                tickets.record(change, found.get().etag());
                log.debug("ticket {} of reservation {} voided", change.ticket().ticketNumber(),
                        cancelled.reservationId());
            }
            return null;
        });
    }
}
