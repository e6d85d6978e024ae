/** notify's Azure Functions entry points: thin adapters from triggers to the reaction and the query. */
package dev.flights.notify.functions;
