package dev.flights.platform.store;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A query inside one partition: equality filters on top-level fields, an optional descending order and a limit.
 * Deliberately small, so that it maps to Cosmos DB SQL ({@code SELECT * FROM c WHERE c.f = @v ORDER BY c.o DESC}).
 */
public record DocumentQuery(Map<String, String> equalTo, String orderByDescending, int limit) {

    public static final int NO_LIMIT = Integer.MAX_VALUE;

    public DocumentQuery {
        equalTo = Map.copyOf(equalTo);
    }

    public static DocumentQuery where(String field, String value) {
        return new DocumentQuery(Map.of(field, value), null, NO_LIMIT);
    }

    public DocumentQuery and(String field, String value) {
        var all = new LinkedHashMap<>(equalTo);
        all.put(field, value);
        return new DocumentQuery(all, orderByDescending, limit);
    }

    public DocumentQuery newestFirstBy(String field) {
        return new DocumentQuery(equalTo, field, limit);
    }

    public DocumentQuery limit(int max) {
        return new DocumentQuery(equalTo, orderByDescending, max);
    }
}
