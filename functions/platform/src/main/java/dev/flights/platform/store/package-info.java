/**
 * The document store port, shaped after a Cosmos DB account: containers of JSON documents with an id,
 * a partition key, an ETag, transactional batches inside one logical partition and an ordered change feed.
 */
package dev.flights.platform.store;
