/**
 * reservation-view's Azure Functions entry points: thin adapters from triggers to the projection, the list query
 * and the page that shows the list.
 */
package dev.flights.view.functions;
