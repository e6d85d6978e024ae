/** The Reservation aggregate and its rules: pure Java, no framework. */
package dev.flights.reserve.domain;
