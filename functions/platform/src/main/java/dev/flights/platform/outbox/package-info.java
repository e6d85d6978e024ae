/**
 * The transactional outbox: events are stored as documents in the same partition and batch as the state change
 * that caused them, then relayed to the topic from the container's change feed.
 */
package dev.flights.platform.outbox;
