package dev.flights.platform.store;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/** A page of changed documents and the continuation to read the next page from. */
public record ChangeFeedPage(List<ObjectNode> documents, String continuation) {

    public ChangeFeedPage {
        documents = List.copyOf(documents);
    }
}
