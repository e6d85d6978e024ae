package dev.flights.notify.adapter;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.flights.contract.UserId;
import dev.flights.contract.codec.EventCodec;
import dev.flights.contract.events.EventType;
import dev.flights.notify.application.Notifications;
import dev.flights.notify.domain.DeliveryStatus;
import dev.flights.notify.domain.Language;
import dev.flights.notify.domain.Notification;
import dev.flights.notify.domain.WebhookDelivery;
import dev.flights.platform.store.ContainerLayout;
import dev.flights.platform.store.DocumentConflictException;
import dev.flights.platform.store.DocumentContainer;
import dev.flights.platform.store.DocumentQuery;
import dev.flights.platform.store.DocumentStore;
import dev.flights.platform.store.PreconditionFailedException;
import dev.flights.platform.store.SortableTime;
import dev.flights.platform.store.TransactionalBatch;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.stereotype.Component;

/**
 * Notifications in the {@code notifications} container, partitioned by customer. A notification's id derives from
 * its event id, so storing the same event twice is a conflict rather than a second notification. The webhook
 * delivery state lives on the same document and changes only with If-Match.
 */
@Component
public class NotificationDocuments implements Notifications {

    static final String DOC_TYPE = "notification";

    private final DocumentContainer container;

    public NotificationDocuments(DocumentStore store) {
        this.container = store.container(ContainerLayout.NOTIFICATIONS);
    }

    @Override
    public Optional<Found> add(Notification notification) {
        try {
            List<ObjectNode> stored = container.execute(
                    TransactionalBatch.in(notification.userId().value()).create(toDocument(notification)));
            return Optional.of(new Found(notification, stored.get(0).path("_etag").asText()));
        } catch (DocumentConflictException alreadyThere) {
            return Optional.empty();
        }
    }

    @Override
    public Optional<Found> find(UserId userId, UUID eventId) {
        return container.read(userId.value(), id(eventId))
                .map(doc -> new Found(toNotification(doc), doc.path("_etag").asText()));
    }

    @Override
    public boolean replace(Notification changed, String etag) {
        try {
            container.execute(TransactionalBatch.in(changed.userId().value()).replace(toDocument(changed), etag));
            return true;
        } catch (PreconditionFailedException changedMeanwhile) {
            return false;
        }
    }

    @Override
    public List<Notification> newestFirst(UserId userId, int limit) {
        return container.query(userId.value(),
                        DocumentQuery.where("docType", DOC_TYPE).newestFirstBy("occurredAt").limit(limit))
                .stream().map(NotificationDocuments::toNotification).toList();
    }

    static ObjectNode toDocument(Notification n) {
        ObjectNode doc = EventCodec.json().createObjectNode();
        doc.put("id", id(n.eventId()));
        doc.put("docType", DOC_TYPE);
        doc.put("userId", n.userId().value());
        doc.put("reservationId", n.reservationId().toString());
        doc.put("eventId", n.eventId().toString());
        doc.put("type", n.type().name());
        doc.put("message", n.message());
        ObjectNode messages = doc.putObject("messages");
        for (Language language : Language.values()) {
            messages.put(language.name(), n.message(language));
        }
        doc.put("occurredAt", SortableTime.format(n.occurredAt()));
        doc.put("correlationId", n.correlationId());
        doc.putObject("webhook").put("status", n.webhook().status().name()).put("attempts", n.webhook().attempts());
        return doc;
    }

    static Notification toNotification(ObjectNode doc) {
        return new Notification(UUID.fromString(doc.path("eventId").asText()), new UserId(doc.path("userId").asText()),
                UUID.fromString(doc.path("reservationId").asText()), EventType.valueOf(doc.path("type").asText()),
                messages(doc), Instant.parse(doc.path("occurredAt").asText()), doc.path("correlationId").asText(null),
                webhook(doc.path("webhook")));
    }

    private static String id(UUID eventId) {
        return "notification-" + eventId;
    }

    /** Documents written before there were languages have the English message only; it stands in for all. */
    private static Map<Language, String> messages(ObjectNode doc) {
        Map<Language, String> messages = new EnumMap<>(Language.class);
        for (Language language : Language.values()) {
            messages.put(language, doc.path("messages").path(language.name()).asText(doc.path("message").asText()));
        }
        return messages;
    }

    /** Documents written before there was a webhook have no delivery: there is nothing to deliver. */
    private static WebhookDelivery webhook(JsonNode webhook) {
        return webhook.isObject()
                ? new WebhookDelivery(DeliveryStatus.valueOf(webhook.path("status").asText()),
                        webhook.path("attempts").asInt())
                : WebhookDelivery.OFF;
    }
}
