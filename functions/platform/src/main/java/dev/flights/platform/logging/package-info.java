/**
 * Where the apps' SLF4J lines go. The Azure Java worker forwards to the Functions host, tied to the invocation, only
 * what is logged on the invocation's {@code ExecutionContext} logger (java.util.logging); so during an invocation
 * every line is handed to that logger, and outside one (start-up) it goes to the console, which the host reads from
 * the worker's stdout.
 */
package dev.flights.platform.logging;
