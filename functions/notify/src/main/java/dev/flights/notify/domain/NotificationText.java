package dev.flights.notify.domain;

import dev.flights.contract.events.DeclineReason;
import dev.flights.contract.events.PaymentApproved;
import dev.flights.contract.events.PaymentDeclined;
import dev.flights.contract.events.PaymentDeferred;
import dev.flights.contract.events.PaymentRefunded;
import dev.flights.contract.events.ReservationCancelled;
import dev.flights.contract.events.ReservationConfirmed;
import dev.flights.contract.events.ReservationRejected;
import dev.flights.contract.events.ReservationRequested;
import dev.flights.contract.events.SagaEvent;
import dev.flights.contract.events.TicketIssued;
import dev.flights.contract.events.TicketVoided;
import java.util.Locale;
import java.util.Optional;

/** A readable English sentence for each event the customer hears of, with its figures. */
final class NotificationText {

    private NotificationText() {
    }

    static Optional<String> of(SagaEvent event) {
        var id = event.reservationId();
        switch (event.type()) {
            case ReservationRequested: {
                var e = (ReservationRequested) event;
                return text("Reservation %s for flight %s requested; price %s.", id, e.flightId(), e.price());
            }
            case ReservationConfirmed: {
                var e = (ReservationConfirmed) event;
                return text("Reservation %s for flight %s confirmed.", id, e.flightId());
            }
            case ReservationRejected: {
                var e = (ReservationRejected) event;
                return text("Reservation %s rejected: %s.", id, readable(e.reason()));
            }
            case ReservationCancelled: {
                var e = (ReservationCancelled) event;
                return text("Reservation %s for flight %s cancelled.", id, e.flightId());
            }
            case PaymentApproved: {
                var e = (PaymentApproved) event;
                return text("Payment of %s approved for reservation %s; balance %s.", e.amount(), id, e.balance());
            }
            case PaymentDeclined: {
                var e = (PaymentDeclined) event;
                return text("Payment for reservation %s declined: %s; balance %s.", id, readable(e.reason()),
                        e.balance());
            }
            case PaymentDeferred: {
                var e = (PaymentDeferred) event;
                return text("Payment for reservation %s is pending; it will be tried again at %s.", id,
                        e.retryAt());
            }
            case PaymentRefunded: {
                var e = (PaymentRefunded) event;
                return text("Refund of %s for reservation %s; balance %s.", e.amount(), id, e.balance());
            }
            case TicketIssued: {
                var e = (TicketIssued) event;
                return text("Ticket %s issued for reservation %s on flight %s.", e.ticketNumber(), id, e.flightId());
            }
            case TicketVoided: {
                var e = (TicketVoided) event;
                return text("Ticket %s of reservation %s voided.", e.ticketNumber(), id);
            }
            default:
                // PaymentRetryDue and RefundRetryDue are pay's notes to itself, nothing the customer needs to hear
                return Optional.empty();
        }
    }

    private static Optional<String> text(String format, Object... figures) {
        return Optional.of(String.format(Locale.ROOT, format, figures));
    }

    private static String readable(DeclineReason reason) {
        return reason.name().toLowerCase(Locale.ROOT).replace('_', ' ');
    }
}
