/** The Ticket aggregate and its rules: pure Java, no framework. */
package dev.flights.ticket.domain;
