package dev.flights.localhost;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.flights.platform.outbox.Outbox;
import dev.flights.platform.store.DocumentStore;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The outbox documents and embedded outbox entries the relays parked, for an operator: what
 * {@value Outbox#PARKED_QUERY} and {@value Outbox#PARKED_EMBEDDED_QUERY} list on Azure. The
 * store port has no cross-partition query, so each container's change feed (the latest version of every document
 * still there) is read from the start; that is fine for the local host's in-process store.
 */
final class ParkedOutbox {

    private final DocumentStore store;
    private final List<String> containers;

    ParkedOutbox(DocumentStore store, List<String> containers) {
        this.store = store;
        this.containers = List.copyOf(containers);
    }

    List<Map<String, String>> list() {
        List<Map<String, String>> parked = new ArrayList<>();
        for (String name : containers) {
            for (ObjectNode doc : store.container(name).readChanges(null, Integer.MAX_VALUE).documents()) {
                if (Outbox.DOC_TYPE.equals(doc.path("docType").asText())
                        && Outbox.PARKED.equals(doc.path(Outbox.STATUS).asText())) {
                    Map<String, String> item = new LinkedHashMap<>();
                    item.put("container", name);
                    item.put("id", doc.path("id").asText());
                    item.put("type", doc.path("type").asText(null));
                    item.put("sessionId", doc.path("sessionId").asText(null));
                    item.put("parkReason", doc.path(Outbox.PARK_REASON).asText());
                    item.put("parkedAt", doc.path("parkedAt").asText());
                    parked.add(item);
                }
                for (JsonNode entry : doc.path(Outbox.EMBEDDED)) {
                    if (Outbox.PARKED.equals(entry.path(Outbox.STATUS).asText())) {
                        Map<String, String> item = new LinkedHashMap<>();
                        item.put("container", name);
                        item.put("id", doc.path("id").asText());
                        item.put("type", entry.path("type").asText(null));
                        item.put("sessionId", entry.path("sessionId").asText(null));
                        item.put("parkReason", entry.path(Outbox.PARK_REASON).asText());
                        item.put("parkedAt", entry.path("parkedAt").asText());
                        parked.add(item);
                    }
                }
            }
        }
        return parked;
    }
}
