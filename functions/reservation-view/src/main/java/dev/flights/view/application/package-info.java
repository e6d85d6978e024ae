/** reservation-view's projection and query; they talk to the {@link dev.flights.view.application.ReservationViews} port. */
package dev.flights.view.application;
