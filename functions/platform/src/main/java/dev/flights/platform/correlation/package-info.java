/** The correlation id of the HTTP request that started a saga, carried in the MDC and on every event. */
package dev.flights.platform.correlation;
