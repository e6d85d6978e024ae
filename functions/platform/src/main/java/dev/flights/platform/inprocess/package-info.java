/**
 * In-process stand-ins for Cosmos DB and Service Bus that keep the semantics the README's "On Azure" table gives, so the
 * local host and the tests run without a cloud.
 */
package dev.flights.platform.inprocess;
