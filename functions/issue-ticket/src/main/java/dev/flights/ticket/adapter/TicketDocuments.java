package dev.flights.ticket.adapter;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.flights.contract.codec.EventCodec;
import dev.flights.platform.outbox.Outbox;
import dev.flights.platform.outbox.OutboxWriter;
import dev.flights.platform.store.ContainerLayout;
import dev.flights.platform.store.DocumentContainer;
import dev.flights.platform.store.DocumentStore;
import dev.flights.platform.store.TransactionalBatch;
import dev.flights.ticket.application.Tickets;
import dev.flights.ticket.domain.Ticket;
import dev.flights.ticket.domain.TicketChange;
import java.util.Optional;
import java.util.UUID;
import org.springframework.stereotype.Component;

/**
 * Tickets in the {@code tickets} container, partitioned by reservation id: the one ticket document of a reservation
 * (id {@code ticket}) and its outbox documents share a partition, so one transactional batch stores a change whole.
 */
@Component
public class TicketDocuments implements Tickets {

    static final String ID = "ticket";
    static final String DOC_TYPE = "ticket";

    private final DocumentContainer container;
    private final Outbox outbox;
    private final OutboxWriter outboxes;

    public TicketDocuments(DocumentStore store, OutboxWriter outboxes) {
        this.container = store.container(ContainerLayout.TICKETS);
        this.outbox = new Outbox("/apps/issue-ticket", container);
        this.outboxes = outboxes;
    }

    @Override
    public Optional<Found> find(UUID reservationId) {
        return container.read(reservationId.toString(), ID).map(outbox::seen)
                .map(doc -> new Found(toTicket(doc), doc.path("_etag").asText()));
    }

    @Override
    public void record(TicketChange change, String etag) {
        Ticket ticket = change.ticket();
        TransactionalBatch batch = outbox.embed(TransactionalBatch.in(ticket.reservationId().toString()),
                toDocument(ticket), etag, change.events());
        outboxes.commit(container, batch);
    }

    static ObjectNode toDocument(Ticket ticket) {
        ObjectNode doc = EventCodec.json().valueToTree(ticket);
        doc.put("id", ID);
        doc.put("docType", DOC_TYPE);
        return doc;
    }

    static Ticket toTicket(ObjectNode doc) {
        try {
            return EventCodec.json().treeToValue(doc, Ticket.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("ticket document of reservation " + doc.path("reservationId").asText()
                    + " is unreadable", e);
        }
    }
}
