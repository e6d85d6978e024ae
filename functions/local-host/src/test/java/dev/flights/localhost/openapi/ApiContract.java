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
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The repository's OpenAPI document (functions/contract/src/main/resources/openapi.json) as a checker of real
 * responses: it finds the operation of a method and path, and says how a response breaks it — a status the operation
 * does not document, a content type it does not name, a missing required header, or a body its JSON Schema (the
 * OpenAPI 3.1 dialect, formats asserted) rejects. A path no operation serves must be the host's 404 problem, a method
 * a path does not serve its 405 problem.
 */
public final class ApiContract {

    public static final String RESOURCE = "openapi.json";
    private static final String IRI = "https://contract.flights.dev/openapi.json";
    private static final String PROBLEM = "/components/schemas/Problem";
    private static final List<String> METHODS = List.of("get", "put", "post", "delete", "options", "head", "patch", "trace");

    private static ApiContract shared;

    private final JsonNode document;
    private final SchemaRegistry registry;
    private final List<Operation> operations;
    private final Map<String, Schema> schemas = new ConcurrentHashMap<>();

    private ApiContract(String text) {
        this.document = read(text);
        this.registry = SchemaRegistry.withDefaultDialect(Dialects.getOpenApi31(), builder -> builder
                .schemas(Map.of(IRI, text))
                .schemaRegistryConfig(SchemaRegistryConfig.builder().formatAssertionsEnabled(true).build()));
        this.operations = operationsOf(document);
    }

    /** The document the local host serves, loaded once per JVM. */
    public static synchronized ApiContract shared() {
        if (shared == null) {
            shared = of(classPathText(RESOURCE));
        }
        return shared;
    }

    public static ApiContract of(String documentText) {
        return new ApiContract(documentText);
    }

    public static String classPathText(String resource) {
        try (InputStream in = ApiContract.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException(resource + " is not on the class path");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public JsonNode document() {
        return document;
    }

    public List<Operation> operations() {
        return operations;
    }

    /** Fails with every way the response breaks the contract. */
    public void assertConforms(HttpResponse<String> response) {
        List<String> violations = violations(response.request().method(), response.request().uri().getPath(),
                response.statusCode(), response.headers().map(), response.body());
        if (!violations.isEmpty()) {
            throw new AssertionError(response.request().method() + " " + response.request().uri() + " answered "
                    + response.statusCode() + " outside the OpenAPI document:\n  " + String.join("\n  ", violations)
                    + "\n  body: " + response.body());
        }
    }

    /** The operation a request reaches: the path with the most literal segments wins, as in the Functions host. */
    public Optional<Operation> find(String method, String path) {
        return operations.stream().filter(o -> o.method().equalsIgnoreCase(method) && o.matches(path))
                .max(Comparator.comparingInt(Operation::literalSegments));
    }

    public List<String> violations(String method, String path, int status, Map<String, List<String>> headers,
            String body) {
        Optional<Operation> operation = find(method, path);
        if (operation.isEmpty()) {
            boolean pathServed = path.startsWith("/api/") && operations.stream().anyMatch(o -> o.matches(path));
            int expected = pathServed ? 405 : 404;
            List<String> violations = new ArrayList<>();
            if (status != expected) {
                violations.add("no operation " + method + " " + path + " in the document, so the host must answer "
                        + expected + ", not " + status);
            }
            violations.addAll(bodyViolations(PROBLEM, "application/problem+json", headers, body));
            return violations;
        }
        String responses = operation.get().pointer() + "/responses";
        String responsePointer = resolve(responses + "/" + escape(Integer.toString(status)));
        if (responsePointer == null) {
            return List.of("status " + status + " is not documented for " + operation.get());
        }
        List<String> violations = new ArrayList<>(headerViolations(responsePointer, headers));
        JsonNode content = document.at(responsePointer).path("content");
        if (content.isMissingNode() || content.isEmpty()) {
            if (body != null && !body.isEmpty()) {
                violations.add("the documented " + status + " has no body, but one came");
            }
            return violations;
        }
        String mediaType = mediaType(headers);
        if (!content.has(mediaType)) {
            violations.add("Content-Type " + mediaType + " is not documented for " + status + " (documented: "
                    + fieldNames(content) + ")");
            return violations;
        }
        String schemaPointer = responsePointer + "/content/" + escape(mediaType) + "/schema";
        violations.addAll(bodyViolations(schemaPointer, mediaType, headers, body));
        return violations;
    }

    private List<String> bodyViolations(String schemaPointer, String mediaType, Map<String, List<String>> headers,
            String body) {
        if (!mediaType.equals(mediaType(headers))) {
            return List.of("Content-Type " + mediaType(headers) + " where " + mediaType + " is due");
        }
        JsonNode instance;
        if (mediaType.endsWith("json")) {
            if (body == null || body.isBlank()) {
                return List.of("the body is empty where " + mediaType + " is due");
            }
            try {
                instance = read(body == null ? "" : body);
            } catch (UncheckedIOException e) {
                return List.of("the body is not JSON: " + e.getCause().getMessage());
            }
        } else {
            instance = TextNode.valueOf(body == null ? "" : body);
        }
        return schema(schemaPointer).validate(instance).stream()
                .map(error -> "body " + error.getInstanceLocation() + ": " + error.getMessage()).toList();
    }

    private List<String> headerViolations(String responsePointer, Map<String, List<String>> headers) {
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
    private String resolve(String pointer) {
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

    private static List<Operation> operationsOf(JsonNode document) {
        List<Operation> operations = new ArrayList<>();
        document.path("paths").fields().forEachRemaining(path -> {
            for (String method : METHODS) {
                JsonNode operation = path.getValue().get(method);
                if (operation != null) {
                    operations.add(new Operation(method.toUpperCase(Locale.ROOT), path.getKey(), operation,
                            "/paths/" + escape(path.getKey()) + "/" + method));
                }
            }
        });
        return List.copyOf(operations);
    }

    private static String mediaType(Map<String, List<String>> headers) {
        return header(headers, "Content-Type").map(v -> v.split(";")[0].trim().toLowerCase(Locale.ROOT)).orElse("");
    }

    private static Optional<String> header(Map<String, List<String>> headers, String name) {
        return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name) && !e.getValue().isEmpty())
                .map(e -> e.getValue().get(0)).findFirst();
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    /** A JSON Pointer token: '~' and '/' escaped (RFC 6901). */
    static String escape(String token) {
        return token.replace("~", "~0").replace("/", "~1");
    }

    private static JsonNode read(String text) {
        try {
            return EventCodec.json().readTree(text);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
