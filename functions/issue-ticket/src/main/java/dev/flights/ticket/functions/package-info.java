/** issue-ticket's Azure Functions entry points: thin adapters from triggers to reactions. */
package dev.flights.ticket.functions;
