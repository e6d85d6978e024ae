package dev.flights.platform.store;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * Instants written with a fixed nine-digit fraction, for fields a query orders by: the store orders strings, and
 * {@code Instant.toString} drops zero fractions, so "…:00Z" would sort after "…:00.5Z".
 */
public final class SortableTime {

    private static final DateTimeFormatter FORMAT =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSSSSS'Z'").withZone(ZoneOffset.UTC);

    private SortableTime() {
    }

    public static String format(Instant instant) {
        return FORMAT.format(instant);
    }
}
