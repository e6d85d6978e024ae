package dev.flights.platform.http;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.microsoft.azure.functions.HttpRequestMessage;
import com.microsoft.azure.functions.HttpResponseMessage;
import com.microsoft.azure.functions.HttpStatus;
import com.microsoft.azure.functions.HttpStatusType;
import dev.flights.contract.codec.EventCodec;
import dev.flights.platform.auth.Access;
import dev.flights.platform.auth.AccessRefusedException;
import dev.flights.platform.correlation.Correlation;
import dev.flights.platform.store.DocumentConflictException;
import dev.flights.platform.store.PreconditionFailedException;
import dev.flights.platform.store.StoreUnavailableException;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Request parsing and response building for HTTP-triggered functions. */
public final class HttpFunctions {

    private static final Logger log = LoggerFactory.getLogger(HttpFunctions.class);
    private static final int MAX_BODY = 16 * 1024;
    private static final ObjectReader STRICT = EventCodec.json().reader()
            .with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .with(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY)
            .with(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);

    private HttpFunctions() {
    }

    /**
     * Runs a handler with the request's correlation id in force, refuses a state change sent from another site
     * ({@link Access#refuseCrossSite}), and turns a refused caller into 401 or 403 (503 when the sign-in cannot be checked now), rule
     * breaks into 400, an unavailable or hopelessly contended store into 503 with Retry-After; every answer carries
     * the correlation id.
     */
    public static HttpResponseMessage handle(HttpRequestMessage<?> request, Supplier<HttpResponseMessage> handler) {
        String correlationId = Correlation.set(header(request, Correlation.HEADER).orElse(null));
        try {
            Access.refuseCrossSite(request);
            return handler.get();
        } catch (AccessRefusedException e) {
            return refused(request, e);
        } catch (InvalidInputException e) {
            return problem(request, Problem.invalid(e.field(), e.rule()));
        } catch (StoreUnavailableException | PreconditionFailedException | DocumentConflictException e) {
            // throttled or down, or too many writers at once on one document: nothing was written, try again
            log.warn("store unavailable or contended: {}", e.getMessage());
            return request.createResponseBuilder(HttpStatus.SERVICE_UNAVAILABLE)
                    .header("Content-Type", Problem.MEDIA_TYPE)
                    .header("Retry-After", "5")
                    .header(Correlation.HEADER, correlationId)
                    .body(write(Problem.of(503, "Service unavailable", "the store is busy or down; try again shortly")))
                    .build();
        } finally {
            Correlation.clear();
        }
    }

    /** The body as a JSON object, or a 400 naming {@code body}. */
    public static ObjectNode jsonBody(HttpRequestMessage<Optional<String>> request) {
        return jsonObject(request.getBody() == null ? "" : request.getBody().orElse(""));
    }

    /**
     * The text as one JSON object and nothing else, or a 400 naming {@code body}: a field given twice, or anything
     * but white space after the object, is refused rather than read one way or another (which of two amounts would
     * count, or whether text after the object was meant, is not for the server to guess).
     */
    public static ObjectNode jsonObject(String body) {
        if (body == null || body.isBlank()) {
            throw new InvalidInputException("body", "must be a JSON object");
        }
        if (body.length() > MAX_BODY) {
            throw new InvalidInputException("body", "must be at most " + MAX_BODY + " characters");
        }
        try {
            JsonNode node = STRICT.readTree(body);
            if (node instanceof ObjectNode object) {
                return object;
            }
        } catch (JsonProcessingException e) {
            throw new InvalidInputException("body", "must be one well-formed JSON object: " + e.getOriginalMessage());
        }
        throw new InvalidInputException("body", "must be a JSON object");
    }

    /** A required string field, checked against {@code valid}; the rule is said in the 400 otherwise. */
    public static String requiredText(ObjectNode body, String field, java.util.function.Predicate<String> valid,
            String rule) {
        JsonNode value = body.get(field);
        if (value == null || value.isNull()) {
            throw new InvalidInputException(field, "is required and must be " + rule);
        }
        if (!value.isTextual() || !valid.test(value.asText())) {
            throw new InvalidInputException(field, "must be " + rule);
        }
        return value.asText();
    }

    /** A required whole number between min and max inclusive. */
    public static long requiredWholeNumber(ObjectNode body, String field, long min, long max) {
        JsonNode value = body.get(field);
        String rule = "a whole number from " + min + " to " + max;
        if (value == null || value.isNull()) {
            throw new InvalidInputException(field, "is required and must be " + rule);
        }
        if (!value.isIntegralNumber() || !value.canConvertToLong() || value.asLong() < min || value.asLong() > max) {
            throw new InvalidInputException(field, "must be " + rule);
        }
        return value.asLong();
    }

    /** A path or query value checked against a rule, or a 400 naming it. */
    public static String checked(String name, String value, java.util.function.Predicate<String> valid, String rule) {
        if (value == null || value.isBlank()) {
            throw new InvalidInputException(name, "is required and must be " + rule);
        }
        if (!valid.test(value)) {
            throw new InvalidInputException(name, "must be " + rule);
        }
        return value;
    }

    public static Optional<String> header(HttpRequestMessage<?> request, String name) {
        Map<String, String> headers = request.getHeaders();
        if (headers == null) {
            return Optional.empty();
        }
        return headers.entrySet().stream()
                .filter(e -> e.getKey().equalsIgnoreCase(name))
                .map(Map.Entry::getValue)
                .findFirst();
    }

    public static Optional<String> query(HttpRequestMessage<?> request, String name) {
        Map<String, String> query = request.getQueryParameters();
        return query == null ? Optional.empty() : Optional.ofNullable(query.get(name));
    }

    public static HttpResponseMessage json(HttpRequestMessage<?> request, HttpStatusType status, Object body) {
        return jsonBuilder(request, status, body).build();
    }

    public static HttpResponseMessage.Builder jsonBuilder(HttpRequestMessage<?> request, HttpStatusType status,
            Object body) {
        return request.createResponseBuilder(status)
                .header("Content-Type", "application/json")
                .header(Correlation.HEADER, Correlation.current())
                .body(write(body));
    }

    public static HttpResponseMessage problem(HttpRequestMessage<?> request, Problem problem) {
        return request.createResponseBuilder(HttpStatusType.custom(problem.status()))
                .header("Content-Type", Problem.MEDIA_TYPE)
                .header(Correlation.HEADER, Correlation.current())
                .body(write(problem))
                .build();
    }

    private static HttpResponseMessage refused(HttpRequestMessage<?> request, AccessRefusedException refusal) {
        HttpResponseMessage.Builder response = request.createResponseBuilder(HttpStatusType.custom(refusal.status()))
                .header("Content-Type", Problem.MEDIA_TYPE)
                .header(Correlation.HEADER, Correlation.current())
                .body(write(Problem.of(refusal.status(), refusal.title(), refusal.getMessage())));
        if (refusal.status() == 401) {
            // RFC 9110: a 401 names how to authenticate; App Service takes an Entra bearer token
            response.header("WWW-Authenticate", "Bearer");
        }
        if (refusal.status() == 503) {
            response.header("Retry-After", "10");
        }
        return response.build();
    }

    public static HttpResponseMessage notFound(HttpRequestMessage<?> request, String what) {
        return problem(request, Problem.of(404, "Not found", what + " does not exist"));
    }

    private static String write(Object body) {
        try {
            return EventCodec.json().writeValueAsString(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("response bodies are plain records and maps", e);
        }
    }
}
