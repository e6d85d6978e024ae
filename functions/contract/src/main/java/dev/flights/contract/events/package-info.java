/**
 * The events on the {@code reservation-events} topic, one sealed family per emitting app.
 * Every event is a past-tense record carrying its id, its time and the reservation it belongs to.
 */
package dev.flights.contract.events;
