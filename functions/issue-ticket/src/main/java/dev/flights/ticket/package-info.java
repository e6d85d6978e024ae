/** issue-ticket: owns Ticket; issues a ticket for a confirmed reservation (F9) and voids it on cancel (F10). */
package dev.flights.ticket;
