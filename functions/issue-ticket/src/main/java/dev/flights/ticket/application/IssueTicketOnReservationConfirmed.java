package dev.flights.ticket.application;

import dev.flights.contract.events.ReservationConfirmed;
import dev.flights.platform.store.DocumentConflictException;
import dev.flights.ticket.domain.Ticket;
import dev.flights.ticket.domain.TicketChange;
import java.time.Clock;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * F9: issues the ticket of a confirmed reservation. Any ticket document already there, issued or a voided tombstone,
 * means this reservation has had its say, so a redelivered or late confirmation changes nothing.
 */
@Component
public class IssueTicketOnReservationConfirmed implements Consumer<ReservationConfirmed> {

    private static final Logger log = LoggerFactory.getLogger(IssueTicketOnReservationConfirmed.class);

    private final Tickets tickets;
    private final Clock clock;

    public IssueTicketOnReservationConfirmed(Tickets tickets, Clock clock) {
        this.tickets = tickets;
        this.clock = clock;
    }

    @Override
    public void accept(ReservationConfirmed event) {
        on(event);
    }

    public void on(ReservationConfirmed confirmed) {
        var existing = tickets.find(confirmed.reservationId());
        if (existing.isPresent()) {
            log.info("reservation {} already has a {} ticket; confirmation ignored", confirmed.reservationId(),
                    existing.get().ticket().status());
            return;
        }
        TicketChange issued = Ticket.issueFor(confirmed, clock.instant());
        try {
            tickets.record(issued, null);
            log.debug("ticket {} issued for reservation {}", issued.ticket().ticketNumber(), confirmed.reservationId());
        } catch (DocumentConflictException alreadyDone) {
            log.info("reservation {} got its ticket document meanwhile; confirmation ignored",
                    confirmed.reservationId());
        }
    }
}
