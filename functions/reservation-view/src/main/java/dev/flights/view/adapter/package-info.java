/** reservation-view's adapters: reserve's change feed in, the reservation-view container out. */
package dev.flights.view.adapter;
