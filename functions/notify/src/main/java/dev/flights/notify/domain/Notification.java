package dev.flights.notify.domain;

import dev.flights.contract.UserId;
import dev.flights.contract.events.EventType;
import dev.flights.contract.events.SagaEvent;
import java.time.Instant;
import java.util.EnumSet;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * What the customer is told about one event of one of their reservations, in every language, and where its webhook
 * delivery stands. There is at most one notification per event: it is identified by the event id, so a redelivered
 * event is recognised as already told.
 */
public record Notification(UUID eventId, UserId userId, UUID reservationId, EventType type,
        Map<Language, String> messages, Instant occurredAt, String correlationId, WebhookDelivery webhook) {

    public Notification {
        if (!messages.keySet().containsAll(EnumSet.allOf(Language.class)) || webhook == null) {
            throw new IllegalArgumentException("a notification needs a message in every language and a delivery");
        }
        messages = Map.copyOf(messages);
    }

    /** The notification of an event, or empty for an event the customer is not told about; no webhook yet. */
    public static Optional<Notification> about(SagaEvent event, String correlationId) {
        return NotificationText.of(event).map(messages -> new Notification(event.eventId(), event.userId(),
                event.reservationId(), event.type(), messages, event.occurredAt(), correlationId,
                WebhookDelivery.OFF));
    }

    /** The message the feed shows: English. */
    public String message() {
        return message(Language.EN);
    }

    public String message(Language language) {
        return messages.get(language);
    }

    public Notification withWebhook(WebhookDelivery delivery) {
        return new Notification(eventId, userId, reservationId, type, messages, occurredAt, correlationId, delivery);
    }
}
