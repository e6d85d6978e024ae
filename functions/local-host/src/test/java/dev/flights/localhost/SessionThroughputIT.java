package dev.flights.localhost;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flights.contract.topology.Subscriptions;
import dev.flights.platform.inprocess.InProcessTopic;
import dev.flights.platform.inprocess.TopicSettings;
import dev.flights.platform.messaging.OutgoingMessage;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What host.json's session settings allow one instance on one subscription when every message is its own session
 * (one session per reservation, its next message later than the idle timeout): each slot takes one message, then
 * holds the empty session for sessionIdleTimeout, so at most maxConcurrentSessions messages per idle timeout. Logs
 * the measured messages per second; asserts only the bound that session holding imposes.
 */
class SessionThroughputIT {

    private static final Logger log = LoggerFactory.getLogger(SessionThroughputIT.class);
    private static final Duration PROCESSING = Duration.ofMillis(20);

    @Test
    void eachSlotHoldsItsEmptySessionForTheIdleTimeoutSoOneSessionPerMessageGivesSlotsPerIdleTimeout() throws Exception {
        TopicSettings settings = HostJson.topicSettings();
        int messages = settings.maxConcurrentSessions() * 4;
        CountDownLatch handled = new CountDownLatch(messages);
        try (InProcessTopic topic = new InProcessTopic(Subscriptions.load(), settings, Clock.systemUTC())) {
            topic.subscribe("issue-ticket", m -> {
                Thread.sleep(PROCESSING.toMillis());
                handled.countDown();
            });
            List<OutgoingMessage> batch = new ArrayList<>();
            for (int i = 0; i < messages; i++) {
                String session = UUID.randomUUID().toString();
                batch.add(new OutgoingMessage(UUID.randomUUID().toString(), session, "ReservationConfirmed", "c",
                        "{}", null));
            }

            long start = System.nanoTime();
            topic.publish(batch);
            assertThat(handled.await(60, TimeUnit.SECONDS)).isTrue();
            Duration elapsed = Duration.ofNanos(System.nanoTime() - start);

            log.info("one session per message, {} sessions at once, {} idle timeout, {} ms per message: {} messages "
                    + "in {} ms = {} messages/s (bound: {} per idle timeout)", settings.maxConcurrentSessions(),
                    settings.sessionIdleTimeout(), PROCESSING.toMillis(), messages, elapsed.toMillis(),
                    String.format("%.1f", messages * 1000.0 / elapsed.toMillis()), settings.maxConcurrentSessions());
            // four rounds of slots: the last round cannot start before three idle timeouts have passed
            assertThat(elapsed).isGreaterThanOrEqualTo(settings.sessionIdleTimeout().multipliedBy(3));
        }
    }
}
