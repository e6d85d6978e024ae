package dev.flights.platform.spring;

import dev.flights.platform.auth.AuthSettings;
import dev.flights.platform.auth.CallerAuthentication;
import dev.flights.platform.inprocess.InMemoryDocumentStore;
import dev.flights.platform.inprocess.InProcessTopic;
import dev.flights.platform.messaging.EventPublisher;
import dev.flights.platform.outbox.OutboxRelay;
import dev.flights.platform.outbox.OutboxSettings;
import dev.flights.platform.outbox.OutboxWriter;
import dev.flights.platform.store.DocumentStore;
import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;

/**
 * The platform beans of a function app. The store and the topic come from the Cosmos DB and Service Bus
 * auto-configurations when their settings are present, or from a host that runs several apps (the local host, a
 * test) and registers its own before the app starts. Otherwise the app runs on the in-process store and topic only
 * when {@code FLIGHTS_IN_PROCESS=true}; without it the start fails naming the missing settings (an app on Azure
 * must never fall back to instance memory).
 */
@AutoConfiguration
@EnableConfigurationProperties(OutboxSettings.class)
public class PlatformAutoConfiguration {

    private static final Logger log = LoggerFactory.getLogger(PlatformAutoConfiguration.class);

    @Bean
    static BeanPostProcessor functionInvocationScope() {
        return new FunctionInvocationScope();
    }

    /** How callers are authenticated ({@code FLIGHTS_AUTH}); a wrong or incomplete setting fails the start. */
    @Bean
    @ConditionalOnMissingBean
    CallerAuthentication callerAuthentication(Environment environment) {
        return AuthSettings.install(environment::getProperty);
    }

    @Bean
    @ConditionalOnMissingBean
    DocumentStore documentStore(Environment environment) {
        if (!RequiredSettings.inProcess(environment)) {
            throw RequiredSettings.refusal(environment, "a document store");
        }
        log.warn("{}=true: this app keeps its state in memory, fit only for a local run", RequiredSettings.IN_PROCESS);
        return new InMemoryDocumentStore();
    }

    @Bean
    @ConditionalOnMissingBean
    EventPublisher eventPublisher(Environment environment) {
        if (!RequiredSettings.inProcess(environment)) {
            throw RequiredSettings.refusal(environment, "a topic");
        }
        log.warn("{}=true: this app publishes to an in-process topic, fit only for a local run",
                RequiredSettings.IN_PROCESS);
        return InProcessTopic.fromContract();
    }

    @Bean
    @ConditionalOnMissingBean
    Clock clock() {
        return Clock.systemUTC();
    }

    @Bean
    @ConditionalOnMissingBean
    OutboxRelay outboxRelay(EventPublisher publisher, DocumentStore store, Clock clock, OutboxSettings outbox,
            ObjectProvider<OutboxRelay.Sleeper> sleeper) {
        return new OutboxRelay(publisher, store, clock, outbox, sleeper.getIfAvailable(() -> OutboxRelay.Sleeper.THREAD));
    }

    /** How every app commits its outbox: publishing right after the commit unless {@code OUTBOX_DIRECT_PUBLISH=false}. */
    @Bean
    @ConditionalOnMissingBean
    OutboxWriter outboxWriter(EventPublisher publisher, Clock clock, OutboxSettings outbox,
            ObjectProvider<OutboxWriter.AfterCommit> afterCommit) {
        if (!outbox.directPublish()) {
            log.warn("OUTBOX_DIRECT_PUBLISH=false: every event waits for the change-feed relay's next poll");
        }
        return new OutboxWriter(publisher, clock, outbox,
                afterCommit.getIfAvailable(() -> OutboxWriter.AfterCommit.NONE));
    }
}
