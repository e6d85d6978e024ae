package dev.flights.localhost.openapi;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/** One operation of the OpenAPI document: its method, its path template, its node and where that node is. */
public record Operation(String method, String path, JsonNode node, String pointer) {

    public String operationId() {
        return node.path("operationId").asText();
    }

    /** The app whose function serves it, or the platform or the local host ({@code x-served-by}). */
    public String servedBy() {
        return node.path("x-served-by").asText();
    }

    public boolean localHostOnly() {
        return node.path("x-local-host-only").asBoolean(false);
    }

    /** Whether a request path (decoded, as the host matches it) reaches this template; literals ignore case. */
    public boolean matches(String requestPath) {
        List<String> template = segments(path);
        List<String> actual = segments(requestPath);
        if (template.size() != actual.size()) {
            return false;
        }
        for (int i = 0; i < template.size(); i++) {
            String segment = template.get(i);
            boolean variable = segment.startsWith("{") && segment.endsWith("}");
            if (variable ? actual.get(i).isEmpty() : !segment.equalsIgnoreCase(actual.get(i))) {
                return false;
            }
        }
        return true;
    }

    int literalSegments() {
        return (int) segments(path).stream().filter(s -> !s.startsWith("{")).count();
    }

    private static List<String> segments(String path) {
        return List.of(path.replaceAll("^/+|/+$", "").split("/+", -1));
    }

    @Override
    public String toString() {
        return method + " " + path + " (" + operationId() + ")";
    }
}
