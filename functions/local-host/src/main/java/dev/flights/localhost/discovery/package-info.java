/** Finds the function apps (their Spring start classes) and their functions through annotations. */
package dev.flights.localhost.discovery;
