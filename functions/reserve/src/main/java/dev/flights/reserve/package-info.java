/** reserve: owns Reservation, the system of record of the saga; emits the Reservation* events. */
package dev.flights.reserve;
