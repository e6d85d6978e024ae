package dev.flights.localhost.http;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * {@code GET /api/openapi.json}: the OpenAPI 3.1 document of every route, as the contract module keeps it on the class
 * path (functions/contract/src/main/resources/openapi.json). Served as it is written, so what a client reads here is
 * exactly what the contract tests check the functions against.
 */
final class OpenApiDocument {

    static final String PATH = "/api/openapi.json";
    static final String RESOURCE = "openapi.json";

    private final String text;

    private OpenApiDocument(String text) {
        this.text = text;
    }

    static OpenApiDocument fromClassPath() {
        try (InputStream in = OpenApiDocument.class.getClassLoader().getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is not on the class path (the contract module keeps it)");
            }
            return new OpenApiDocument(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    void serve(HttpExchange exchange) throws IOException {
        if (!"GET".equals(exchange.getRequestMethod())) {
            exchange.getResponseHeaders().set("Allow", "GET");
            HttpExchanges.sendProblem(exchange, 405, "Method not allowed",
                    exchange.getRequestMethod() + " is not allowed on " + PATH + "; use GET");
            return;
        }
        HttpExchanges.send(exchange, 200, Map.of("Content-Type", "application/json", "Cache-Control", "no-cache"), text);
    }
}
