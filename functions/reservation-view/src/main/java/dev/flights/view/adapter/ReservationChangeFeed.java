package dev.flights.view.adapter;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.flights.contract.codec.EventCodec;
import dev.flights.view.domain.ReservationView;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Reads the documents the Cosmos DB trigger hands over from reserve's {@code reservations} container. Only
 * reservation documents count (the outbox shares the container). A reservation document that cannot be read is
 * logged and skipped: throwing would hand the same batch over again and again and stop the whole list.
 */
@Component
public class ReservationChangeFeed {

    private static final Logger log = LoggerFactory.getLogger(ReservationChangeFeed.class);
    static final String RESERVATION = "reservation";

    /** @param changes the JSON array of changed documents */
    public List<ReservationView> reservationsIn(String changes) {
        List<ReservationView> reservations = new ArrayList<>();
        for (JsonNode doc : parse(changes)) {
            if (RESERVATION.equals(doc.path("docType").asText())) {
                read(doc).ifPresent(reservations::add);
            }
        }
        return reservations;
    }

    private static Optional<ReservationView> read(JsonNode doc) {
        try {
            ReservationView view = EventCodec.json().treeToValue(doc, ReservationView.class);
            if (view.reservationId() == null || view.userId() == null || view.status() == null
                    || view.createdAt() == null || view.updatedAt() == null || view.version() < 1) {
                throw new IllegalArgumentException("reservationId, userId, status, times and version are required");
            }
            return Optional.of(view);
        } catch (JsonProcessingException | IllegalArgumentException e) {
            log.warn("reservation document {} skipped, it cannot be shown: {}", doc.path("id").asText(),
                    e.getMessage());
            return Optional.empty();
        }
    }

    private static JsonNode parse(String changes) {
        try {
            JsonNode node = EventCodec.json().readTree(changes);
            if (node == null || !node.isArray()) {
                throw new IllegalArgumentException("the change feed hands over a JSON array");
            }
            return node;
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("the change feed hands over a JSON array", e);
        }
    }
}
