/** Spring wiring every function app gets: the store, the topic publisher and the clock, unless the host gives its own. */
package dev.flights.platform.spring;
