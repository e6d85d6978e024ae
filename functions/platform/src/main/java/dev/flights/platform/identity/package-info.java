/** Which identity an identity-based connection uses, read from the same app settings the Functions extensions read. */
package dev.flights.platform.identity;
