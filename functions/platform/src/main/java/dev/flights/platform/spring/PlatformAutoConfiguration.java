package dev.flights.platform.spring;

import dev.flights.platform.inprocess.InMemoryDocumentStore;
import dev.flights.platform.inprocess.InProcessTopic;
import dev.flights.platform.messaging.EventPublisher;
import dev.flights.platform.outbox.OutboxRelay;
import dev.flights.platform.outbox.OutboxSettings;
import dev.flights.platform.store.DocumentStore;
import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;

/**
 * The platform beans of a function app. A host that runs several apps (the local host, a test) registers one
 * shared store and topic in each app's context before it starts, and these in-process defaults step aside.
 */
@AutoConfiguration
@EnableConfigurationProperties(OutboxSettings.class)
public class PlatformAutoConfiguration {

    private static final Logger log = LoggerFactory.getLogger(PlatformAutoConfiguration.class);

    @Bean
    @ConditionalOnMissingBean
    DocumentStore documentStore() {
        log.warn("no document store configured: this app keeps its state in memory, fit only for a local run");
        return new InMemoryDocumentStore();
    }

    @Bean
    @ConditionalOnMissingBean
    EventPublisher eventPublisher() {
        log.warn("no topic configured: this app publishes to an in-process topic, fit only for a local run");
        return InProcessTopic.fromContract();
    }

    @Bean
    @ConditionalOnMissingBean
    Clock clock() {
        return Clock.systemUTC();
    }

    @Bean
    @ConditionalOnMissingBean
    OutboxRelay outboxRelay(EventPublisher publisher, DocumentStore store, Clock clock, OutboxSettings outbox) {
        return new OutboxRelay(publisher, store, clock, outbox.ttl());
    }
}
