package dev.flights.localhost.http;

import com.sun.net.httpserver.HttpExchange;
import dev.flights.contract.codec.EventCodec;
import dev.flights.platform.http.Problem;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/** Reading requests from and writing responses to the JDK HTTP server. */
final class HttpExchanges {

    static final int MAX_BODY_BYTES = 1 << 20;
    static final long MAX_DRAIN_BYTES = 16L << 20;

    private HttpExchanges() {
    }

    static Map<String, String> headers(HttpExchange exchange) {
        Map<String, String> headers = new LinkedHashMap<>();
        exchange.getRequestHeaders().forEach((name, values) -> headers.put(name, String.join(",", values)));
        return headers;
    }

    static Map<String, String> query(HttpExchange exchange) {
        Map<String, String> query = new LinkedHashMap<>();
        String raw = exchange.getRequestURI().getRawQuery();
        if (raw == null || raw.isEmpty()) {
            return query;
        }
        for (String pair : raw.split("&")) {
            int eq = pair.indexOf('=');
            String name = decode(eq < 0 ? pair : pair.substring(0, eq));
            String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
            query.putIfAbsent(name, value);
        }
        return query;
    }

    /** The body as text, null when there is none; {@link BodyTooLargeException} when it is over {@value #MAX_BODY_BYTES} bytes. */
    static String body(HttpExchange exchange) throws IOException, BodyTooLargeException {
        // not closed here: what is left of a body too large is drained before the answer (send)
        InputStream in = exchange.getRequestBody();
        long declared = declaredLength(exchange);
        byte[] bytes;
        if (declared >= 0 && declared <= MAX_BODY_BYTES) {
            // the length is known: one array of that size (the stream ends there), not chunks joined together
            bytes = in.readNBytes((int) declared);
        } else {
            bytes = in.readNBytes(MAX_BODY_BYTES + 1);
        }
        if (bytes.length > MAX_BODY_BYTES) {
            throw new BodyTooLargeException();
        }
        return bytes.length == 0 ? null : new String(bytes, StandardCharsets.UTF_8);
    }

    /** The request's Content-Length, or -1 when it has none (or not one number). */
    private static long declaredLength(HttpExchange exchange) {
        String value = exchange.getRequestHeaders().getFirst("Content-Length");
        if (value == null) {
            return -1;
        }
        try {
            return Long.parseLong(value.trim());
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /** A request body over the host's limit: the answer is 413. */
    static final class BodyTooLargeException extends Exception {

        private static final long serialVersionUID = 1L;

        BodyTooLargeException() {
            super("the body is larger than this host accepts (" + MAX_BODY_BYTES + " bytes)");
        }
    }

    static void sendTooLarge(HttpExchange exchange, BodyTooLargeException e) throws IOException {
        sendProblem(exchange, 413, "Payload too large", e.getMessage());
    }

    static void send(HttpExchange exchange, int status, Map<String, String> headers, String body) throws IOException {
        drainRequestBody(exchange);
        headers.forEach((name, value) -> exchange.getResponseHeaders().set(name, value));
        byte[] bytes = body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        if (bytes.length > 0) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        }
        exchange.close();
    }

    /**
     * Reads and drops what the handler left of the request body, up to {@value #MAX_DRAIN_BYTES} bytes, before the
     * answer goes out. The JDK server itself drains only 64 KiB when an exchange closes and then closes the
     * connection with the rest unread, which resets it: the client, still sending, loses the answer (a 413, or a 401
     * or 403 given before the body was read) and sees only "connection reset". A body larger still is cut off so.
     */
    static void drainRequestBody(HttpExchange exchange) {
        try {
            InputStream in = exchange.getRequestBody();
            // most often the handler read it all: no buffer for nothing
            if (in.read() < 0) {
                return;
            }
            byte[] buffer = new byte[64 * 1024];
            long drained = 1;
            int read;
            while (drained < MAX_DRAIN_BYTES && (read = in.read(buffer)) >= 0) {
                drained += read;
            }
        } catch (IOException e) {
            // the client went away or the stream was closed: nothing left to keep the connection for
        }
    }

    static void sendProblem(HttpExchange exchange, int status, String title, String detail) throws IOException {
        sendJson(exchange, status, Problem.MEDIA_TYPE, Problem.of(status, title, detail));
    }

    static void sendInvalid(HttpExchange exchange, String field, String rule) throws IOException {
        sendJson(exchange, 400, Problem.MEDIA_TYPE, Problem.invalid(field, rule));
    }

    static void sendJson(HttpExchange exchange, int status, String contentType, Object body) throws IOException {
        send(exchange, status, Map.of("Content-Type", contentType), EventCodec.json().writeValueAsString(body));
    }

    private static String decode(String text) {
        try {
            return URLDecoder.decode(text, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return text;
        }
    }
}
