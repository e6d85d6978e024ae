/** issue-ticket's reactions to reservation events; they talk to the {@link dev.flights.ticket.application.Tickets} port. */
package dev.flights.ticket.application;
