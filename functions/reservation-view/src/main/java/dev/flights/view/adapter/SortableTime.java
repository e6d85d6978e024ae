package dev.flights.view.adapter;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * Instants written with a fixed nine-digit fraction, so that the store's string order is time order
 * ({@code Instant.toString} drops zero fractions, and "…:00Z" sorts after "…:00.5Z").
 */
final class SortableTime {

    private static final DateTimeFormatter FORMAT =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSSSSS'Z'").withZone(ZoneOffset.UTC);

    private SortableTime() {
    }

    static String format(Instant instant) {
        return FORMAT.format(instant);
    }
}
