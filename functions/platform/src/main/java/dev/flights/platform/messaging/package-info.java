/**
 * The topic port, shaped after Service Bus: message id (duplicate detection), session id (order per
 * reservation), an application property {@code type} (subscription filters), {@code To} (a message for one
 * subscription), a correlation id and an optional scheduled enqueue time. And what every topic-triggered function
 * does with a message it receives: {@link dev.flights.platform.messaging.DeferringConsumer}, which turns a transient
 * store failure into a delayed copy of the message instead of ten immediate redeliveries and a dead letter.
 */
package dev.flights.platform.messaging;
