package dev.flights.platform.spring;

import dev.flights.platform.messaging.DeferringConsumer;
import dev.flights.platform.messaging.EventPublisher;
import dev.flights.platform.messaging.MessageRetrySettings;
import java.time.Clock;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;

/** The consumer every topic-triggered function hands its message to, with the app's retry delays. */
@AutoConfiguration(after = PlatformAutoConfiguration.class)
@EnableConfigurationProperties(MessageRetrySettings.class)
public class MessagingAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    DeferringConsumer deferringConsumer(EventPublisher publisher, MessageRetrySettings settings, Clock clock) {
        return new DeferringConsumer(publisher, settings, clock);
    }
}
