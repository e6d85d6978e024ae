/**
 * In-process stand-ins for Cosmos DB and Service Bus that keep the semantics of DESIGN.md section 4, so the
 * local host and the tests run without a cloud.
 */
package dev.flights.platform.inprocess;
