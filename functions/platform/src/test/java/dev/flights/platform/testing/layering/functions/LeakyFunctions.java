package dev.flights.platform.testing.layering.functions;

/** The function class the leaky adapter calls. */
public final class LeakyFunctions {
}
