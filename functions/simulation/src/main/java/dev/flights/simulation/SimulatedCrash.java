package dev.flights.simulation;

/**
 * The process an invocation runs in dies at this point (an injected crash, or the app restarting): an {@link Error},
 * so no application code catches it, as none survives a killed worker. What was written before it stays written.
 */
final class SimulatedCrash extends Error {

    private static final long serialVersionUID = 1L;

    SimulatedCrash(String where) {
        super("simulated crash " + where, null, false, false);
    }
}
