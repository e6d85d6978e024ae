package dev.flights.view.adapter;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.flights.contract.UserId;
import dev.flights.contract.codec.EventCodec;
import dev.flights.platform.store.ContainerLayout;
import dev.flights.platform.store.DocumentContainer;
import dev.flights.platform.store.DocumentQuery;
import dev.flights.platform.store.DocumentStore;
import dev.flights.platform.store.SortableTime;
import dev.flights.platform.store.TransactionalBatch;
import dev.flights.view.application.ReservationViews;
import dev.flights.view.domain.ReservationView;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.stereotype.Component;

/**
 * The list in the {@code reservation-view} container, partitioned by customer so that a list is one partition:
 * one item per reservation, its id the reservation id, its times in a fixed-width form so that they sort.
 */
@Component
public class ReservationViewDocuments implements ReservationViews {

    static final String DOC_TYPE = "reservationView";

    private final DocumentContainer container;

    public ReservationViewDocuments(DocumentStore store) {
        this.container = store.container(ContainerLayout.RESERVATION_VIEW);
    }

    @Override
    public Optional<Found> find(UserId userId, UUID reservationId) {
        return container.read(userId.value(), reservationId.toString())
                .map(doc -> new Found(toView(doc), doc.path("_etag").asText()));
    }

    @Override
    public void save(ReservationView view, String etag) {
        container.execute(TransactionalBatch.in(view.userId().value()).write(toDocument(view), etag));
    }

    @Override
    public List<ReservationView> newestFirst(UserId userId, int limit) {
        return container.query(userId.value(),
                        DocumentQuery.where("docType", DOC_TYPE).newestFirstBy("createdAt").limit(limit))
                .stream().map(ReservationViewDocuments::toView).toList();
    }

    static ObjectNode toDocument(ReservationView view) {
        ObjectNode doc = EventCodec.json().valueToTree(view);
        doc.put("id", view.reservationId().toString());
        doc.put("docType", DOC_TYPE);
        doc.put("createdAt", SortableTime.format(view.createdAt()));
        doc.put("updatedAt", SortableTime.format(view.updatedAt()));
        return doc;
    }

    static ReservationView toView(ObjectNode doc) {
        try {
            return EventCodec.json().treeToValue(doc, ReservationView.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("reservation-view item " + doc.path("id").asText() + " is unreadable", e);
        }
    }
}
