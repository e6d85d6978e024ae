package dev.flights.platform.testing.layering.adapter;

import dev.flights.platform.testing.layering.functions.LeakyFunctions;

/** An adapter that calls back into a function class. */
public final class LeakyAdapter {

    public void save() {
        new LeakyFunctions().toString();
    }
}
