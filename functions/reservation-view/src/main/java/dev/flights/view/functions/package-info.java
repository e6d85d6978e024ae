/** reservation-view's Azure Functions entry points: thin adapters from triggers to the projection and the query. */
package dev.flights.view.functions;
