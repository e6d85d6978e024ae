package dev.flights.localhost.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The latency bench's smoke run: a few sagas per setup, each reaching TICKETED in the list, their sends counted. It
 * logs the figures and asserts nothing about speed (the machine running CI is no measure of Azure).
 */
class SagaLatencyIT {

    private static final Logger log = LoggerFactory.getLogger(SagaLatencyIT.class);

    @Test
    void everySetupTicketsEachReservationAndCountsItsSends() throws Exception {
        SagaLatency bench = new SagaLatency();
        for (SagaLatency.Setup setup : List.of(SagaLatency.Setup.directPublish(),
                SagaLatency.Setup.relayOnlyAsBefore())) {
            SagaLatency.Result result = bench.measure(setup, 1, 3);
            log.info(result.line());

            assertThat(result.latenciesMillis()).hasSize(3).allSatisfy(ms -> assertThat(ms).isNotNegative());
            // ReservationRequested, PaymentApproved, ReservationConfirmed, TicketIssued at least, each sent once
            assertThat(result.topicSendsPerReservation()).as(setup.name()).isGreaterThanOrEqualTo(4);
            assertThat(result.relayCopies()).as(setup.name()).isZero();
        }
    }
}
