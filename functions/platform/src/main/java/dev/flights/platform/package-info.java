/** Platform ports (containers, the topic) shaped after Cosmos DB and Service Bus, and what every function app shares. */
package dev.flights.platform;
