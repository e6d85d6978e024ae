package dev.flights.platform.testing.layering.domain;

import dev.flights.platform.testing.layering.application.LeakyUseCase;
import org.springframework.util.Assert;

/** A domain class that calls Spring and reaches out to a use case. */
public final class LeakyAggregate {

    public void check(LeakyUseCase caller) {
        Assert.notNull(caller, "caller");
    }
}
