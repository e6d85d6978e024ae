/** reserve's adapter to the document store: reservations and their outbox in the reservations container. */
package dev.flights.reserve.adapter;
