package dev.flights.contract.events;

/** Emitted by issue-ticket. */
public sealed interface TicketEvent extends SagaEvent permits TicketIssued, TicketVoided {
}
