package dev.flights.notify.adapter;

import dev.flights.notify.application.Webhook;
import dev.flights.notify.application.WebhookSettings;
import java.time.InstantSource;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The webhook channel exists only when {@code NOTIFY_WEBHOOK_URL} (notify.webhook.url) is set and not blank. It is
 * decided when the app starts, from the settings it starts with, not by a condition: the package's ahead-of-time
 * processing fixes every condition's answer at build time, and a webhook set on Azure must be used all the same.
 * Without a URL the bean is absent (a factory method's null): {@code Optional<Webhook>} is empty.
 */
@Configuration(proxyBeanMethods = false)
class WebhookConfiguration {

    @Bean
    Webhook webhookChannel(WebhookSettings settings, InstantSource clock) {
        return settings.isOn() ? new WebhookChannel(settings, clock) : null;
    }
}
