/**
 * The document store port on Cosmos DB (azure-cosmos, gateway mode): containers, point reads, single-partition
 * queries, upserts, transactional batches and the latest-version change feed, with every request charge logged.
 */
package dev.flights.platform.cosmos;
