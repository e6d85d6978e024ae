/** The topic's shape: its name and which subscription takes which event types. */
package dev.flights.contract.topology;
