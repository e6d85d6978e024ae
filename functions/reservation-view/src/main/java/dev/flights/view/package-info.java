/** reservation-view: the customer's reservation list, a read model built from reserve's change feed (N4). */
package dev.flights.view;
