package dev.flights.ticket.domain;

/** A ticket is issued, or voided (possibly before it was ever issued, when the cancel came first). */
public enum TicketStatus {
    ISSUED, VOIDED
}
