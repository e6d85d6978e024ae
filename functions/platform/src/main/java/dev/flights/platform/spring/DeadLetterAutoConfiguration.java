package dev.flights.platform.spring;

import dev.flights.platform.deadletters.DeadLetterQueue;
import dev.flights.platform.http.DeadLetterEndpoints;
import dev.flights.platform.inprocess.InProcessDeadLetterQueue;
import dev.flights.platform.inprocess.InProcessTopic;
import dev.flights.platform.messaging.EventPublisher;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/**
 * The dead-letter functions' backing: the {@link DeadLetterQueue} a platform adapter defined (Service Bus), else
 * the in-process topic's own dead-letter queues when the app's topic is the in-process one (the local host, a
 * run with {@code FLIGHTS_IN_PROCESS=true}). A topic with neither (a test's recording topic) gets functions that
 * answer 503 saying so.
 */
@AutoConfiguration(after = PlatformAutoConfiguration.class)
public class DeadLetterAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    DeadLetterEndpoints deadLetterEndpoints(ObjectProvider<DeadLetterQueue> queues,
            ObjectProvider<EventPublisher> publishers) {
        DeadLetterQueue queue = queues.getIfAvailable();
        EventPublisher publisher = publishers.getIfAvailable();
        if (queue == null && publisher instanceof InProcessTopic topic) {
            queue = new InProcessDeadLetterQueue(topic);
        }
        if (queue == null) {
            return DeadLetterEndpoints.unavailable("this app's topic ("
                    + (publisher == null ? "none" : publisher.getClass().getSimpleName())
                    + ") has no dead-letter queue to read");
        }
        return DeadLetterEndpoints.over(queue);
    }
}
