package dev.flights.notify.adapter;

import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.type.AnnotatedTypeMetadata;

/** The webhook channel exists only when {@code NOTIFY_WEBHOOK_URL} (notify.webhook.url) is set and not blank. */
class WebhookUrlIsSet implements Condition {

    @Override
    public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
        return Binder.get(context.getEnvironment()).bind("notify.webhook.url", String.class)
                .map(url -> !url.isBlank()).orElse(false);
    }
}
