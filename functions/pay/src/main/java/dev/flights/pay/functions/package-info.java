/** pay's Azure Functions entry points: thin adapters from triggers to use cases. */
package dev.flights.pay.functions;
