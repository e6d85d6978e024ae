package dev.flights.notify.adapter;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.flights.contract.UserId;
import dev.flights.contract.codec.EventCodec;
import dev.flights.contract.events.EventType;
import dev.flights.notify.application.Notifications;
import dev.flights.notify.domain.Notification;
import dev.flights.platform.store.ContainerLayout;
import dev.flights.platform.store.DocumentConflictException;
import dev.flights.platform.store.DocumentContainer;
import dev.flights.platform.store.DocumentQuery;
import dev.flights.platform.store.DocumentStore;
import dev.flights.platform.store.SortableTime;
import dev.flights.platform.store.TransactionalBatch;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.springframework.stereotype.Component;

/**
 * Notifications in the {@code notifications} container, partitioned by customer. A notification's id derives from
 * its event id, so storing the same event twice is a conflict rather than a second notification.
 */
@Component
public class NotificationDocuments implements Notifications {

    static final String DOC_TYPE = "notification";

    private final DocumentContainer container;

    public NotificationDocuments(DocumentStore store) {
        this.container = store.container(ContainerLayout.NOTIFICATIONS);
    }

    @Override
    public boolean add(Notification notification) {
        try {
            container.execute(TransactionalBatch.in(notification.userId().value()).create(toDocument(notification)));
            return true;
        } catch (DocumentConflictException alreadyThere) {
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
        doc.put("id", "notification-" + n.eventId());
        doc.put("docType", DOC_TYPE);
        doc.put("userId", n.userId().value());
        doc.put("reservationId", n.reservationId().toString());
        doc.put("eventId", n.eventId().toString());
        doc.put("type", n.type().name());
        doc.put("message", n.message());
        doc.put("occurredAt", SortableTime.format(n.occurredAt()));
        doc.put("correlationId", n.correlationId());
        return doc;
    }

    static Notification toNotification(ObjectNode doc) {
        return new Notification(UUID.fromString(doc.path("eventId").asText()), new UserId(doc.path("userId").asText()),
                UUID.fromString(doc.path("reservationId").asText()), EventType.valueOf(doc.path("type").asText()),
                doc.path("message").asText(), Instant.parse(doc.path("occurredAt").asText()),
                doc.path("correlationId").asText(null));
    }
}
