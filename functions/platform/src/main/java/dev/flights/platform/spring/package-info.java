/**
 * Spring wiring every function app gets: the store, the topic publisher and the clock (unless the host gives its
 * own), the refusal to start without them, and the per-invocation scope around every function method.
 */
package dev.flights.platform.spring;
