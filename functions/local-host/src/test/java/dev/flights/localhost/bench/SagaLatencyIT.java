package dev.flights.localhost.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The latency bench's smoke run: a few sagas per setup ({@code -Dbench.reservations=N} for more), each reaching
 * TICKETED in the list, their sends counted. It logs the figures and asserts nothing about speed (the machine running
 * CI is no measure of Azure).
 */
class SagaLatencyIT {

    private static final Logger log = LoggerFactory.getLogger(SagaLatencyIT.class);

    @Test
    void everySetupTicketsEachReservationAndCountsItsSends() throws Exception {
        int reservations = Integer.getInteger("bench.reservations", 3);
        int warmUp = Integer.getInteger("bench.warmUp", 1);
        SagaLatency bench = new SagaLatency();
        List<SagaLatency.Result> results = new ArrayList<>();
        for (SagaLatency.Setup setup : List.of(SagaLatency.Setup.directPublish(),
                SagaLatency.Setup.relayOnlyAsBefore())) {
            results.add(bench.measure(setup, warmUp, reservations));
        }
        // logged once both hosts ran (a host's start sets the JVM's logging up afresh)
        results.forEach(result -> log.info(result.line()));

        for (SagaLatency.Result result : results) {
            assertThat(result.latenciesMillis()).hasSize(reservations).allSatisfy(ms -> assertThat(ms).isNotNegative());
            // ReservationRequested, PaymentApproved, ReservationConfirmed, TicketIssued at least, each sent once
            assertThat(result.topicSendsPerReservation()).as(result.setup().name()).isGreaterThanOrEqualTo(4);
            assertThat(result.relayCopies()).as(result.setup().name()).isZero();
        }
    }
}
