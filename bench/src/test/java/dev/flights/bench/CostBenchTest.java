package dev.flights.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.flights.platform.metering.Meter.Reading;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** How the cost part turns counts into figures and money; the counting itself is tested where it is done. */
class CostBenchTest {

    private final ListPrices prices = ListPrices.asWrittenDown();

    @Test
    void serviceBusStandardIsItsBaseChargeUntilTheIncludedOperationsAreUsedThenThePricePerMillionOnTop() {
        double base = ListPrices.HOURS_PER_MONTH * prices.serviceBusStandardBasePerHour();

        assertThat(prices.serviceBus(0)).isEqualTo(base);
        assertThat(prices.serviceBus(13_000_000)).isEqualTo(base);
        assertThat(prices.serviceBus(15_000_000))
                .isEqualTo(base + 2 * prices.serviceBusStandardPerMillionOperations(), within(1e-9));
    }

    @Test
    void cosmosDbServerlessIsThePricePerMillionRequestUnitsAndFlexTheExecutionsAndTheMemoryTheyHeld() {
        assertThat(prices.cosmos(4_000_000)).isEqualTo(4 * prices.cosmosServerlessPerMillionRu(), within(1e-9));
        assertThat(prices.functions(2_000_000, 1_000)).isEqualTo(2 * prices.flexPerMillionExecutions()
                + 1_000 * prices.flexInstanceMemoryGb() * prices.flexPerGbSecond(), within(1e-9));
    }

    @Test
    void aReservationsShareIsEachCountDividedByTheReservationsWithPerPollCostsLeftToTheIdleFigures() {
        CostBench.Usage usage = new CostBench.Usage(List.of("r1", "r2"),
                Map.of("reserve reservations batch", new Reading(2, 20),
                        "reserve/trigger reservations changes", new Reading(1, 2),
                        "pay accounts read", new Reading(4, 4)),
                Map.of("topic send", new Reading(4, 4), "pay receive", new Reading(2, 2),
                        "notify receive", new Reading(2, 2), "pay dead-lettered", new Reading(1, 0)),
                Map.of("reserve http reserve", new Reading(2, 30.0), "pay serviceBus onEvent", new Reading(2, 10.0)),
                2);

        assertThat(usage.requestUnits()).isEqualTo(13);
        assertThat(usage.storeRequests()).isEqualTo(3.5);
        assertThat(usage.requestUnitsByWho()).containsOnly(Map.entry("reserve", 10.0),
                Map.entry("reserve/trigger", 1.0), Map.entry("pay", 2.0));
        assertThat(usage.requestUnitsByOperation()).containsOnly(Map.entry("batch", 10.0), Map.entry("changes", 1.0),
                Map.entry("read", 2.0));
        assertThat(usage.serviceBusOperations()).isEqualTo(4);
        assertThat(usage.serviceBusByKind()).containsOnly(Map.entry("send", 2.0), Map.entry("receive", 2.0));
        assertThat(usage.executions()).isEqualTo(2);
        assertThat(usage.executionsByApp()).containsOnly(Map.entry("reserve http", 1.0),
                Map.entry("pay serviceBus", 1.0));
        assertThat(usage.executionMillis()).isEqualTo(20);
        assertThat(CostBench.Usage.perPoll("reserve/trigger reservations changes-empty")).isTrue();
        assertThat(CostBench.Usage.perPoll("reserve/trigger leases read")).isTrue();
        assertThat(CostBench.Usage.perPoll("reserve/trigger leases upsert")).as("a checkpoint follows a batch")
                .isFalse();
        assertThat(CostBench.Usage.perPoll("reserve reservations read")).isFalse();
    }
}
