/** A reservation as the list shows it and the rule that keeps the list converging: pure Java, no framework. */
package dev.flights.view.domain;
