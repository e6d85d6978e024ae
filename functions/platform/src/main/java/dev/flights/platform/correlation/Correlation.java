package dev.flights.platform.correlation;

import java.util.UUID;
import org.slf4j.MDC;

/** Keeps the current correlation id in the SLF4J MDC, where log lines and outgoing events pick it up. */
public final class Correlation {

    public static final String MDC_KEY = "correlationId";
    public static final String HEADER = "x-correlation-id";

    private Correlation() {
    }

    /** Sets the id, or a new one when {@code id} is blank; returns the id in force. */
    public static String set(String id) {
        String value = id == null || id.isBlank() || id.length() > 128 ? UUID.randomUUID().toString() : id;
        MDC.put(MDC_KEY, value);
        return value;
    }

    public static String current() {
        String id = MDC.get(MDC_KEY);
        return id != null ? id : set(null);
    }

    public static void clear() {
        MDC.remove(MDC_KEY);
    }
}
