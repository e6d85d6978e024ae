/**
 * The topic port, shaped after Service Bus: message id (duplicate detection), session id (order per
 * reservation), an application property {@code type} (subscription filters), a correlation id and an
 * optional scheduled enqueue time.
 */
package dev.flights.platform.messaging;
