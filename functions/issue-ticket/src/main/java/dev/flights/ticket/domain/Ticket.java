package dev.flights.ticket.domain;

import dev.flights.contract.FlightId;
import dev.flights.contract.UserId;
import dev.flights.contract.events.EventIds;
import dev.flights.contract.events.EventType;
import dev.flights.contract.events.ReservationCancelled;
import dev.flights.contract.events.ReservationConfirmed;
import dev.flights.contract.events.TicketIssued;
import dev.flights.contract.events.TicketVoided;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Locale;
import java.util.UUID;

/**
 * The ticket of one reservation; at most one per reservation. Invariants: it is issued at most once and voided at
 * most once, and once voided it is never issued, so a cancel that overtakes the confirmation leaves a voided
 * tombstone ({@code ticketNumber} null, never issued). Its number and its event ids derive from the reservation id,
 * so a redelivered event re-derives the very same ticket and events.
 */
public record Ticket(UUID reservationId, UserId userId, FlightId flightId, String ticketNumber, TicketStatus status,
        Instant issuedAt, Instant voidedAt, Instant createdAt, Instant updatedAt) {

    /** F9: a confirmed reservation gets its ticket. */
    public static TicketChange issueFor(ReservationConfirmed confirmed, Instant now) {
        UUID reservationId = confirmed.reservationId();
        Ticket issued = new Ticket(reservationId, confirmed.userId(), confirmed.flightId(), numberFor(reservationId),
                TicketStatus.ISSUED, now, null, now, now);
        return TicketChange.to(issued, new TicketIssued(EventIds.of(reservationId, EventType.TicketIssued), now,
                reservationId, issued.userId(), issued.flightId(), issued.ticketNumber()));
    }

    /** F10 before F9: the reservation was cancelled before any ticket; nothing to tell, but none may follow. */
    public static TicketChange voidedBeforeIssue(ReservationCancelled cancelled, Instant now) {
        return TicketChange.to(new Ticket(cancelled.reservationId(), cancelled.userId(), cancelled.flightId(), null,
                TicketStatus.VOIDED, null, now, now, now));
    }

    /** F10: a cancelled reservation's ticket is voided, once. */
    public TicketChange voidFor(ReservationCancelled cancelled, Instant now) {
        if (status == TicketStatus.VOIDED) {
            return TicketChange.none(this);
        }
        Ticket voided = new Ticket(reservationId, userId, flightId, ticketNumber, TicketStatus.VOIDED, issuedAt, now,
                createdAt, now);
        return TicketChange.to(voided, new TicketVoided(EventIds.of(reservationId, EventType.TicketVoided), now,
                reservationId, userId, ticketNumber));
    }

    /** "TK-" and ten upper-case hex characters of the SHA-256 of the reservation id. */
    public static String numberFor(UUID reservationId) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256")
                    .digest(reservationId.toString().getBytes(StandardCharsets.UTF_8));
            return "TK-" + HexFormat.of().formatHex(hash, 0, 5).toUpperCase(Locale.ROOT);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }
}
