package dev.flights.platform.correlation;

import java.util.UUID;
import java.util.regex.Pattern;
import org.slf4j.MDC;

/**
 * The current correlation id, per thread. It is kept here and copied into the SLF4J MDC for log lines: the MDC alone
 * is not enough, because without an MDC-aware logging backend it forgets what it is given.
 */
public final class Correlation {

    public static final String MDC_KEY = "correlationId";
    public static final String HEADER = "x-correlation-id";

    /** What an inbound id may be: it is logged and echoed in a response header, so nothing that could forge either. */
    public static final Pattern VALID = Pattern.compile("[A-Za-z0-9._-]{1,64}");

    private static final ThreadLocal<String> CURRENT = new ThreadLocal<>();

    private Correlation() {
    }

    /** Sets the id, or a new one when {@code id} is not 1 to 64 of {@code [A-Za-z0-9._-]}; returns the id in force. */
    public static String set(String id) {
        String value = id != null && VALID.matcher(id).matches() ? id : UUID.randomUUID().toString();
        CURRENT.set(value);
        MDC.put(MDC_KEY, value);
        return value;
    }

    /** The id in force on this thread; a new one is started when there is none. */
    public static String current() {
        String id = CURRENT.get();
        return id != null ? id : set(null);
    }

    public static void clear() {
        CURRENT.remove();
        MDC.remove(MDC_KEY);
    }
}
