package dev.flights.platform.testing.layering.application;

import dev.flights.platform.testing.layering.adapter.LeakyAdapter;

/** A use case that knows the adapter behind its port. */
public final class LeakyUseCase {

    public void run(LeakyAdapter adapter) {
        adapter.save();
    }
}
