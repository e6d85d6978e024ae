/** The the document store port on Cosmos DB (azure-cosmos). */
package dev.flights.platform.cosmos;
