package dev.flights.localhost.openapi;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SchemaRegistryConfig;
import com.networknt.schema.dialect.Dialects;
import dev.flights.contract.codec.EventCodec;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The JSON Schemas of the document's responses and headers, by JSON Pointer into the document, so that their
 * {@code $ref}s resolve inside it: the OpenAPI 3.1 dialect, with formats (date-time, uuid, uri-reference) asserted.
 */
final class ResponseSchemas {

    private static final String IRI = "https://contract.flights.dev/openapi.json";

    private final JsonNode document;
    private final SchemaRegistry registry;
    private final Map<String, Schema> schemas = new ConcurrentHashMap<>();

    ResponseSchemas(JsonNode document, String text) {
        this.document = document;
        this.registry = SchemaRegistry.withDefaultDialect(Dialects.getOpenApi31(), builder -> builder
                .schemas(Map.of(IRI, text))
                .schemaRegistryConfig(SchemaRegistryConfig.builder().formatAssertionsEnabled(true).build()));
    }

    List<String> body(String schemaPointer, String mediaType, Map<String, List<String>> headers, String body) {
        if (!mediaType.equals(mediaType(headers))) {
            return List.of("Content-Type " + mediaType(headers) + " where " + mediaType + " is due");
        }
        JsonNode instance;
        if (mediaType.endsWith("json")) {
            if (body == null || body.isBlank()) {
                return List.of("the body is empty where " + mediaType + " is due");
            }
            try {
                instance = EventCodec.json().readTree(body);
            } catch (JsonProcessingException e) {
                return List.of("the body is not JSON: " + e.getOriginalMessage());
            }
        } else {
            instance = TextNode.valueOf(body == null ? "" : body);
        }
        return schema(schemaPointer).validate(instance).stream()
                .map(error -> "body " + error.getInstanceLocation() + ": " + error.getMessage()).toList();
    }

    List<String> headers(String responsePointer, Map<String, List<String>> headers) {
        List<String> violations = new ArrayList<>();
        JsonNode declared = document.at(responsePointer).path("headers");
        for (String name : fieldNames(declared)) {
            String headerPointer = resolve(responsePointer + "/headers/" + escape(name));
            JsonNode header = document.at(headerPointer);
            Optional<String> value = header(headers, name);
            if (value.isEmpty()) {
                if (header.path("required").asBoolean(false)) {
                    violations.add("required header " + name + " is missing");
                }
                continue;
            }
            if (header.has("schema")) {
                schema(headerPointer + "/schema").validate(TextNode.valueOf(value.get()))
                        .forEach(error -> violations.add("header " + name + ": " + error.getMessage()));
            }
        }
        return violations;
    }

    /** Follows a local $ref (a response or header kept under components); null when nothing is there. */
    String resolve(String pointer) {
        JsonNode node = document.at(pointer);
        if (node.isMissingNode()) {
            return null;
        }
        String ref = node.path("$ref").asText("");
        return ref.startsWith("#/") ? resolve(ref.substring(1)) : pointer;
    }

    private Schema schema(String pointer) {
        return schemas.computeIfAbsent(pointer, p -> registry.getSchema(SchemaLocation.of(IRI + "#" + p)));
    }

    static String mediaType(Map<String, List<String>> headers) {
        return header(headers, "Content-Type").map(v -> v.split(";")[0].trim().toLowerCase(Locale.ROOT)).orElse("");
    }

    static Optional<String> header(Map<String, List<String>> headers, String name) {
        return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name) && !e.getValue().isEmpty())
                .map(e -> e.getValue().get(0)).findFirst();
    }

    static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    /** A JSON Pointer token: '~' and '/' escaped (RFC 6901). */
    static String escape(String token) {
        return token.replace("~", "~0").replace("/", "~1");
    }
}
