/**
 * The transactional outbox: events are stored in the same partition and batch as the state change that caused them
 * (as entries of the state document's embedded outbox, or as outbox documents of their own), published right after
 * the commit, and relayed from the container's change feed when that publish did not happen.
 */
package dev.flights.platform.outbox;
