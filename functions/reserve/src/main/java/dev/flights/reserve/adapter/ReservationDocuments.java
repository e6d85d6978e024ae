package dev.flights.reserve.adapter;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.flights.contract.codec.EventCodec;
import dev.flights.platform.outbox.Outbox;
import dev.flights.platform.outbox.OutboxWriter;
import dev.flights.platform.store.ContainerLayout;
import dev.flights.platform.store.DocumentContainer;
import dev.flights.platform.store.DocumentStore;
import dev.flights.platform.store.TransactionalBatch;
import dev.flights.reserve.application.Reservations;
import dev.flights.reserve.domain.Reservation;
import dev.flights.reserve.domain.Transition;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.UUID;
import org.springframework.stereotype.Component;

/**
 * Reservations in the {@code reservations} container, partitioned by reservation id: a transition's events ride in
 * the reservation document's embedded outbox ({@link Outbox#embed}), so one document write stores it whole. A
 * request and a confirmation are answered by pay and issue-ticket: the version their answer causes settles them, so
 * they cost no write of their own.
 */
@Component
public class ReservationDocuments implements Reservations {

    static final String DOC_TYPE = "reservation";

    private final DocumentContainer container;
    private final Outbox outbox;
    private final OutboxWriter outboxes;

    public ReservationDocuments(DocumentStore store, OutboxWriter outboxes) {
        this.container = store.container(ContainerLayout.RESERVATIONS);
        this.outbox = new Outbox("/apps/reserve", container);
        this.outboxes = outboxes;
    }

    @Override
    public Optional<Found> find(UUID reservationId) {
        String id = reservationId.toString();
        return container.read(id, id).map(outbox::seen)
                .map(doc -> new Found(toReservation(doc), doc.path("_etag").asText()));
    }

    @Override
    public void record(Transition transition, String etag) {
        Reservation reservation = transition.reservation();
        Set<String> answered = transition.answered().stream().map(Enum::name).collect(Collectors.toSet());
        TransactionalBatch batch = outbox.embed(TransactionalBatch.in(reservation.reservationId().toString()),
                toDocument(reservation), etag, transition.events(), answered,
                event -> Reservation.awaitsAnswer(event.type()));
        outboxes.commit(container, batch);
    }

    static ObjectNode toDocument(Reservation reservation) {
        ObjectNode doc = EventCodec.json().valueToTree(reservation);
        doc.put("id", reservation.reservationId().toString());
        doc.put("docType", DOC_TYPE);
        return doc;
    }

    static Reservation toReservation(ObjectNode doc) {
        try {
            return EventCodec.json().treeToValue(doc, Reservation.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("reservation document " + doc.path("id").asText() + " is unreadable", e);
        }
    }
}
