/** reserve's use cases and reactions; they talk to the {@link dev.flights.reserve.application.Reservations} port. */
package dev.flights.reserve.application;
