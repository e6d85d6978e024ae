package dev.flights.platform.spring;

import dev.flights.platform.inprocess.InMemoryDocumentStore;
import dev.flights.platform.inprocess.InProcessTopic;
import dev.flights.platform.messaging.EventPublisher;
import dev.flights.platform.outbox.OutboxRelay;
import dev.flights.platform.store.DocumentStore;
import java.time.Clock;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/**
 * The platform beans of a function app. A host that runs several apps (the local host, a test) registers one
 * shared store and topic in each app's context before it starts, and these in-process defaults step aside.
 */
@AutoConfiguration
public class PlatformAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    DocumentStore documentStore() {
        return new InMemoryDocumentStore();
    }

    @Bean
    @ConditionalOnMissingBean
    EventPublisher eventPublisher() {
        return InProcessTopic.fromContract();
    }

    @Bean
    @ConditionalOnMissingBean
    Clock clock() {
        return Clock.systemUTC();
    }

    @Bean
    @ConditionalOnMissingBean
    OutboxRelay outboxRelay(EventPublisher publisher) {
        return new OutboxRelay(publisher);
    }
}
