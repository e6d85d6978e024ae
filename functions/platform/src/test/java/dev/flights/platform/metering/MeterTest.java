package dev.flights.platform.metering;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flights.platform.metering.Meter.Reading;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class MeterTest {

    @Test
    void aKeyCountsHowManyTimesAndTheAmountBetweenThem() {
        Meter meter = new Meter();

        meter.record("b read", 1.5);
        meter.record("b read", 2.5);
        meter.record("a batch", 3, 0);

        assertThat(meter.snapshot()).containsExactly(Map.entry("a batch", new Reading(3, 0)),
                Map.entry("b read", new Reading(2, 4.0)));
    }

    @Test
    void theDifferenceOfTwoSnapshotsIsWhatWasCountedBetweenThemKeysThatDidNotMoveLeftOut() {
        Meter meter = new Meter();
        meter.record("still", 1);
        meter.record("moved", 1);
        Map<String, Reading> before = meter.snapshot();
        meter.record("moved", 2);
        meter.record("new", 5);

        Map<String, Reading> moved = Meter.difference(meter.snapshot(), before);

        assertThat(moved).containsOnly(Map.entry("moved", new Reading(1, 2)), Map.entry("new", new Reading(1, 5)));
        assertThat(Meter.total(moved)).isEqualTo(new Reading(2, 7));
    }

    @Test
    void countsFromManyThreadsAreNotLost() throws Exception {
        Meter meter = new Meter();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        for (int i = 0; i < 4_000; i++) {
            pool.execute(() -> meter.record("k", 1));
        }
        pool.shutdown();
        assertThat(pool.awaitTermination(30, TimeUnit.SECONDS)).isTrue();

        assertThat(meter.snapshot().get("k")).isEqualTo(new Reading(4_000, 4_000));
    }
}
