package dev.flights.localhost.openapi;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
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

/**
 * The repository's OpenAPI document (functions/contract/src/main/resources/openapi.json) as a checker of real
 * responses: it finds the operation of a method and path, and says how a response breaks it — a status the operation
 * does not document, a content type it does not name, a missing required header, or a body its JSON Schema (the
 * OpenAPI 3.1 dialect, formats asserted) rejects. A path no operation serves must be the host's 404 problem, a method
 * a path does not serve its 405 problem.
 */
public final class ApiContract {

    public static final String RESOURCE = "openapi.json";
    private static final String PROBLEM = "/components/schemas/Problem";
    private static final List<String> METHODS = List.of("get", "put", "post", "delete", "options", "head", "patch", "trace");

    private static ApiContract shared;

    private final JsonNode document;
    private final List<Operation> operations;
    private final ResponseSchemas schemas;

    private ApiContract(String text) {
        this.document = read(text);
        this.operations = operationsOf(document);
        this.schemas = new ResponseSchemas(document, text);
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
            violations.addAll(schemas.body(PROBLEM, "application/problem+json", headers, body));
            return violations;
        }
        // a status code needs no JSON Pointer escaping
        String responses = operation.get().pointer() + "/responses";
        String responsePointer = schemas.resolve(responses + "/" + status);
        if (responsePointer == null) {
            return List.of("status " + status + " is not documented for " + operation.get());
        }
        List<String> violations = new ArrayList<>(schemas.headers(responsePointer, headers));
        JsonNode content = document.at(responsePointer).path("content");
        if (content.isMissingNode() || content.isEmpty()) {
            if (body != null && !body.isEmpty()) {
                violations.add("the documented " + status + " has no body, but one came");
            }
            return violations;
        }
        String mediaType = ResponseSchemas.mediaType(headers);
        if (!content.has(mediaType)) {
            violations.add("Content-Type " + mediaType + " is not documented for " + status + " (documented: "
                    + ResponseSchemas.fieldNames(content) + ")");
            return violations;
        }
        String schemaPointer = responsePointer + "/content/" + ResponseSchemas.escape(mediaType) + "/schema";
        violations.addAll(schemas.body(schemaPointer, mediaType, headers, body));
        return violations;
    }

    private static List<Operation> operationsOf(JsonNode document) {
        List<Operation> operations = new ArrayList<>();
        document.path("paths").fields().forEachRemaining(path -> {
            for (String method : METHODS) {
                JsonNode operation = path.getValue().get(method);
                if (operation != null) {
                    operations.add(new Operation(method.toUpperCase(Locale.ROOT), path.getKey(), operation,
                            "/paths/" + ResponseSchemas.escape(path.getKey()) + "/" + method));
                }
            }
        });
        return List.copyOf(operations);
    }

    private static JsonNode read(String text) {
        try {
            return EventCodec.json().readTree(text);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
