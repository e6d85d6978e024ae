package dev.flights.platform.servicebus;

import com.azure.messaging.servicebus.ServiceBusSenderClient;
import dev.flights.contract.topology.Subscriptions;
import dev.flights.platform.deadletters.DeadLetterQueue;
import dev.flights.platform.messaging.EventPublisher;
import dev.flights.platform.spring.PlatformAutoConfiguration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Lazy;
import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.context.annotation.Conditional;
import org.springframework.core.env.Environment;
import org.springframework.core.type.AnnotatedTypeMetadata;

/**
 * Publishes to the Service Bus topic when the app has a Service Bus setting ({@value ServiceBusSenders#NAMESPACE_SETTING}
 * or {@value ServiceBusSenders#CONNECTION_STRING_SETTING}); runs before {@link PlatformAutoConfiguration}, whose
 * in-process topic then steps aside. Without either setting nothing here is created and the in-process default
 * stays. An {@link EventPublisher} a host registered itself also wins. The sender is a lazy bean, built when the
 * first message is published (not while the app starts: building it loads the AMQP stack and the credential), and
 * closed with the context.
 */
@AutoConfiguration(before = PlatformAutoConfiguration.class)
@ConditionalOnClass(ServiceBusSenderClient.class)
@Conditional(ServiceBusAutoConfiguration.ServiceBusConfigured.class)
@ConditionalOnMissingBean(EventPublisher.class)
public class ServiceBusAutoConfiguration {

    private static final Logger log = LoggerFactory.getLogger(ServiceBusAutoConfiguration.class);

    @Bean(destroyMethod = "close")
    @Lazy
    @ConditionalOnMissingBean
    ServiceBusSenderClient reservationEventsSender(Environment environment) {
        String topic = Subscriptions.load().topic();
        log.info("publishing to {}", ServiceBusSenders.describe(environment::getProperty, topic));
        return ServiceBusSenders.topicSender(environment::getProperty, topic);
    }

    @Bean
    EventPublisher serviceBusEventPublisher(ObjectProvider<ServiceBusSenderClient> reservationEventsSender) {
        return new ServiceBusEventPublisher(reservationEventsSender::getObject);
    }

    /**
     * The dead-letter queue of the app's own subscription, for its operator functions: a receiver per call on the
     * same namespace and credential as the sender (the app's identity needs Azure Service Bus Data Receiver on its
     * subscription), copies sent through the publisher.
     */
    @Bean
    @ConditionalOnMissingBean
    DeadLetterQueue serviceBusDeadLetterQueue(Environment environment, EventPublisher serviceBusEventPublisher) {
        Subscriptions topology = Subscriptions.load();
        return new ServiceBusDeadLetterQueue(subscription -> ServiceBusSenders.deadLetterReceiver(
                environment::getProperty, topology.topic(), subscription), serviceBusEventPublisher,
                topology.filters().keySet());
    }

    /** Matches when one of the Service Bus settings is present in the environment (app settings are env vars). */
    static final class ServiceBusConfigured implements Condition {

        @Override
        public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
            return ServiceBusSenders.configured(context.getEnvironment()::getProperty);
        }
    }
}
