/**
 * Counts of what the apps ask of Cosmos DB and Service Bus and how often their functions run, taken at the ports, so
 * that the cost of a reservation comes from what the code did and not from a formula: {@link Meter} (named counters),
 * {@link MeteredDocumentStore} (every store request, with its request units estimated by {@link RequestUnitModel}).
 */
package dev.flights.platform.metering;
