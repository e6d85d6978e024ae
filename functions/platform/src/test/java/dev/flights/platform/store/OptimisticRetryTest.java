package dev.flights.platform.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class OptimisticRetryTest {

    @Test
    void aLostRaceIsDecidedAgainOnFreshState() {
        AtomicInteger calls = new AtomicInteger();

        String result = OptimisticRetry.run(() -> {
            if (calls.incrementAndGet() < 3) {
                throw new PreconditionFailedException("changed since it was read");
            }
            return "written";
        });

        assertThat(result).isEqualTo("written");
        assertThat(calls).hasValue(3);
    }

    @Test
    void givesUpAfterTwentyLostRacesWithTheLastConflict() {
        AtomicInteger calls = new AtomicInteger();

        assertThatThrownBy(() -> OptimisticRetry.run(() -> {
            calls.incrementAndGet();
            throw new DocumentConflictException("exists");
        })).isInstanceOf(DocumentConflictException.class);
        assertThat(calls).hasValue(20);
    }

    @Test
    void otherFailuresAreNotRetried() {
        AtomicInteger calls = new AtomicInteger();

        assertThatThrownBy(() -> OptimisticRetry.run(() -> {
            calls.incrementAndGet();
            throw new StoreUnavailableException("down");
        })).isInstanceOf(StoreUnavailableException.class);
        assertThat(calls).hasValue(1);
    }
}
