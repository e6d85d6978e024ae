/** Test support other modules reuse through the platform test-jar. */
package dev.flights.platform.testing;
