/** issue-ticket's adapter to the document store: a ticket and its outbox in the tickets container. */
package dev.flights.ticket.adapter;
