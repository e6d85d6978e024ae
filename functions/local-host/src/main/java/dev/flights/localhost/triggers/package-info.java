/** Invokes functions the way the Functions host does: binding trigger data to parameters, by trigger kind. */
package dev.flights.localhost.triggers;
