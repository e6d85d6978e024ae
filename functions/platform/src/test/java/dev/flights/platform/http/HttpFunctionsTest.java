package dev.flights.platform.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.microsoft.azure.functions.HttpMethod;
import com.microsoft.azure.functions.HttpResponseMessage;
import com.microsoft.azure.functions.HttpStatus;
import dev.flights.contract.UserId;
import dev.flights.contract.codec.EventCodec;
import dev.flights.platform.auth.Access;
import dev.flights.platform.correlation.Correlation;
import dev.flights.platform.inprocess.InProcessHttpRequest;
import dev.flights.platform.store.PreconditionFailedException;
import dev.flights.platform.store.StoreUnavailableException;
import dev.flights.platform.testing.SignedIn;
import java.net.URI;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.slf4j.MDC;

class HttpFunctionsTest {

    @AfterEach
    void clearCorrelation() {
        Correlation.clear();
    }

    private static InProcessHttpRequest post(String body) {
        return InProcessHttpRequest.post("/api/reservations", body, Map.of());
    }

    private static InProcessHttpRequest post(String body, Map<String, String> headers) {
        return InProcessHttpRequest.post("/api/reservations", body, headers);
    }

    private static ObjectNode object(String json) throws Exception {
        return (ObjectNode) EventCodec.json().readTree(json);
    }

    private static JsonNode bodyOf(HttpResponseMessage response) throws Exception {
        return EventCodec.json().readTree((String) response.getBody());
    }

    private static InvalidInputException invalid(Runnable call) {
        return catchThrowableOfType(InvalidInputException.class, call::run);
    }

    // jsonBody

    @Test
    void aJsonObjectBodyIsParsed() {
        ObjectNode body = HttpFunctions.jsonBody(post("{\"userId\":\"alice\",\"flightId\":\"KE123\"}"));

        assertThat(body.path("userId").asText()).isEqualTo("alice");
        assertThat(body.path("flightId").asText()).isEqualTo("KE123");
    }

    @Test
    void aMissingBodyIsInvalidInputNamingTheBody() {
        InvalidInputException e = invalid(() -> HttpFunctions.jsonBody(post(null)));

        assertThat(e.field()).isEqualTo("body");
        assertThat(e.rule()).contains("JSON object");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "   ", "\n\t"})
    void aBlankBodyIsInvalidInputNamingTheBody(String body) {
        assertThat(invalid(() -> HttpFunctions.jsonBody(post(body))).field()).isEqualTo("body");
    }

    @ParameterizedTest
    @ValueSource(strings = {"not json", "{\"userId\":", "{'userId':'alice'}", "{\"a\":1,}"})
    void aBodyThatIsNotJsonIsInvalidInputNamingTheBody(String body) {
        InvalidInputException e = invalid(() -> HttpFunctions.jsonBody(post(body)));

        assertThat(e.field()).isEqualTo("body");
        assertThat(e.rule()).contains("well-formed JSON");
    }

    @ParameterizedTest
    @ValueSource(strings = {"{\"amount\":5} x", "{\"amount\":5}{}", "{\"amount\":5} {\"amount\":500}",
            "{\"amount\":5}]", "{\"amount\":5},", "{\"amount\":5}//", "{\"amount\":5}\u0000"})
    void textAfterTheObjectIsInvalidInputNamingTheBodyNotIgnored(String body) {
        InvalidInputException e = invalid(() -> HttpFunctions.jsonBody(post(body)));

        assertThat(e.field()).isEqualTo("body");
        assertThat(e.rule()).contains("well-formed JSON");
    }

    @ParameterizedTest
    @ValueSource(strings = {"{\"amount\":5,\"amount\":500}", "{\"amount\":-1,\"amount\":5}",
            "{\"amount\":5,\"note\":{\"a\":1,\"a\":2}}"})
    void aFieldGivenTwiceIsInvalidInputNamingTheBodyRatherThanOneOfTheValues(String body) {
        InvalidInputException e = invalid(() -> HttpFunctions.jsonBody(post(body)));

        assertThat(e.field()).isEqualTo("body");
        assertThat(e.rule()).contains("Duplicate field");
    }

    @ParameterizedTest
    @ValueSource(strings = {"{\"amount\":5}\n", " {\"amount\":5} ", "\r\n\t{\"amount\":5}\r\n\t"})
    void whiteSpaceAroundTheObjectIsFine(String body) {
        assertThat(HttpFunctions.jsonBody(post(body)).path("amount").asLong()).isEqualTo(5);
    }

    @ParameterizedTest
    @ValueSource(strings = {"[]", "[{\"userId\":\"alice\"}]", "\"text\"", "42", "true", "null"})
    void aBodyThatIsJsonButNoObjectIsInvalidInputNamingTheBody(String body) {
        InvalidInputException e = invalid(() -> HttpFunctions.jsonBody(post(body)));

        assertThat(e.field()).isEqualTo("body");
        assertThat(e.rule()).isEqualTo("must be a JSON object");
    }

    @Test
    void anOverlongBodyIsInvalidInputNamingTheBody() {
        String body = "{\"pad\":\"" + "x".repeat(17 * 1024) + "\"}";

        InvalidInputException e = invalid(() -> HttpFunctions.jsonBody(post(body)));

        assertThat(e.field()).isEqualTo("body");
        assertThat(e.rule()).contains("at most");
    }

    // requiredText

    @Test
    void aRequiredTextThatIsValidIsReturned() throws Exception {
        assertThat(HttpFunctions.requiredText(object("{\"userId\":\"alice\"}"), "userId", UserId::isValid,
                UserId.RULE)).isEqualTo("alice");
    }

    @ParameterizedTest
    @ValueSource(strings = {"{}", "{\"userId\":null}"})
    void aMissingRequiredTextIsInvalidInputSayingItIsRequired(String json) throws Exception {
        ObjectNode body = object(json);

        InvalidInputException e = invalid(() -> HttpFunctions.requiredText(body, "userId", UserId::isValid,
                UserId.RULE));

        assertThat(e.field()).isEqualTo("userId");
        assertThat(e.rule()).startsWith("is required").contains(UserId.RULE);
    }

    @ParameterizedTest
    @ValueSource(strings = {"{\"userId\":\"alice smith\"}", "{\"userId\":42}", "{\"userId\":[\"alice\"]}",
            "{\"userId\":{\"v\":\"alice\"}}", "{\"userId\":true}", "{\"userId\":\"\"}"})
    void aRequiredTextOfTheWrongShapeIsInvalidInputWithTheRule(String json) throws Exception {
        ObjectNode body = object(json);

        InvalidInputException e = invalid(() -> HttpFunctions.requiredText(body, "userId", UserId::isValid,
                UserId.RULE));

        assertThat(e.field()).isEqualTo("userId");
        assertThat(e.rule()).isEqualTo("must be " + UserId.RULE);
    }

    // requiredWholeNumber

    @ParameterizedTest
    @ValueSource(strings = {"1", "150", "1000000"})
    void aWholeNumberInRangeIsReturned(String amount) throws Exception {
        assertThat(HttpFunctions.requiredWholeNumber(object("{\"amount\":" + amount + "}"), "amount", 1, 1_000_000))
                .isEqualTo(Long.parseLong(amount));
    }

    @ParameterizedTest
    @ValueSource(strings = {"{}", "{\"amount\":null}"})
    void aMissingWholeNumberIsInvalidInputSayingItIsRequired(String json) throws Exception {
        ObjectNode body = object(json);

        InvalidInputException e = invalid(() -> HttpFunctions.requiredWholeNumber(body, "amount", 1, 1000));

        assertThat(e.field()).isEqualTo("amount");
        assertThat(e.rule()).isEqualTo("is required and must be a whole number from 1 to 1000");
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "-5", "1001", "1.5", "100.0", "\"100\"", "true", "[100]",
            "99999999999999999999999999"})
    void aWholeNumberOutOfRangeOrOfTheWrongShapeIsInvalidInputWithTheRule(String amount) throws Exception {
        ObjectNode body = object("{\"amount\":" + amount + "}");

        InvalidInputException e = invalid(() -> HttpFunctions.requiredWholeNumber(body, "amount", 1, 1000));

        assertThat(e.field()).isEqualTo("amount");
        assertThat(e.rule()).isEqualTo("must be a whole number from 1 to 1000");
    }

    // checked, header, query

    @Test
    void aCheckedPathValueIsReturnedOrNamedInTheError() {
        assertThat(HttpFunctions.checked("userId", "alice", UserId::isValid, UserId.RULE)).isEqualTo("alice");
        assertThat(invalid(() -> HttpFunctions.checked("userId", "a b", UserId::isValid, UserId.RULE)).rule())
                .isEqualTo("must be " + UserId.RULE);
        assertThat(invalid(() -> HttpFunctions.checked("userId", null, UserId::isValid, UserId.RULE)).rule())
                .startsWith("is required");
        assertThat(invalid(() -> HttpFunctions.checked("userId", " ", UserId::isValid, UserId.RULE)).field())
                .isEqualTo("userId");
    }

    @Test
    void headersAreFoundWhateverTheirCase() {
        InProcessHttpRequest request = post("{}", Map.of("Idempotency-Key", "k1"));

        assertThat(HttpFunctions.header(request, "idempotency-key")).contains("k1");
        assertThat(HttpFunctions.header(request, "IDEMPOTENCY-KEY")).contains("k1");
        assertThat(HttpFunctions.header(request, "x-other")).isEmpty();
    }

    @Test
    void queryParametersAreFoundByName() {
        InProcessHttpRequest request = InProcessHttpRequest.get("/api/reservations", Map.of("userId", "alice"));

        assertThat(HttpFunctions.query(request, "userId")).contains("alice");
        assertThat(HttpFunctions.query(request, "flightId")).isEmpty();
    }

    // handle

    @Test
    void handleReturnsWhatTheHandlerAnswers() {
        InProcessHttpRequest request = post("{}");

        HttpResponseMessage response = HttpFunctions.handle(request,
                () -> HttpFunctions.json(request, HttpStatus.ACCEPTED, Map.of("status", "REQUESTED")));

        assertThat(response.getStatusCode()).isEqualTo(202);
        assertThat(response.getHeader("Content-Type")).isEqualTo("application/json");
    }

    @Test
    void invalidInputBecomesA400ProblemNamingTheFieldAndTheRule() throws Exception {
        InProcessHttpRequest request = post("{\"userId\":\"a b\"}");

        HttpResponseMessage response = HttpFunctions.handle(request, () -> {
            ObjectNode body = HttpFunctions.jsonBody(request);
            HttpFunctions.requiredText(body, "userId", UserId::isValid, UserId.RULE);
            throw new AssertionError("the input is invalid");
        });

        assertThat(response.getStatusCode()).isEqualTo(400);
        assertThat(response.getHeader("Content-Type")).isEqualTo("application/problem+json");
        JsonNode problem = bodyOf(response);
        assertThat(problem.path("status").asInt()).isEqualTo(400);
        assertThat(problem.path("title").asText()).isNotBlank();
        assertThat(problem.path("type").asText()).isNotBlank();
        assertThat(problem.path("errors").get(0).path("field").asText()).isEqualTo("userId");
        assertThat(problem.path("errors").get(0).path("rule").asText()).isEqualTo("must be " + UserId.RULE);
        assertThat(problem.path("detail").asText()).contains("userId");
    }

    @Test
    void aMissingBodyBecomesA400NamingTheBody() throws Exception {
        InProcessHttpRequest request = post(null);

        HttpResponseMessage response = HttpFunctions.handle(request, () -> {
            HttpFunctions.jsonBody(request);
            throw new AssertionError("there is no body");
        });

        assertThat(response.getStatusCode()).isEqualTo(400);
        assertThat(bodyOf(response).path("errors").get(0).path("field").asText()).isEqualTo("body");
    }

    @Test
    void anUnavailableStoreBecomesA503ProblemWithRetryAfter() throws Exception {
        InProcessHttpRequest request = post("{}");

        HttpResponseMessage response = HttpFunctions.handle(request, () -> {
            throw new StoreUnavailableException("429 too many requests");
        });

        assertThat(response.getStatusCode()).isEqualTo(503);
        assertThat(response.getHeader("Content-Type")).isEqualTo("application/problem+json");
        assertThat(Long.parseLong(response.getHeader("Retry-After"))).isPositive();
        assertThat(bodyOf(response).path("status").asInt()).isEqualTo(503);
    }

    @Test
    void aWriteThatLostEveryRaceBecomesA503NotA500() throws Exception {
        HttpResponseMessage response = HttpFunctions.handle(post("{}"), () -> {
            throw new PreconditionFailedException("changed since it was read");
        });

        assertThat(response.getStatusCode()).isEqualTo(503);
        assertThat(bodyOf(response).path("status").asInt()).isEqualTo(503);
    }

    @Test
    void otherFailuresAreNotSwallowed() {
        InProcessHttpRequest request = post("{}");

        assertThatThrownBy(() -> HttpFunctions.handle(request, () -> {
            throw new IllegalStateException("a bug");
        })).isInstanceOf(IllegalStateException.class);
        assertThat(MDC.get(Correlation.MDC_KEY)).isNull();
    }

    @Test
    void theRequestsCorrelationIdIsEchoedOnSuccessProblemAndUnavailable() {
        Map<String, String> headers = Map.of("X-Correlation-Id", "corr-from-client");

        InProcessHttpRequest ok = post("{}", headers);
        HttpResponseMessage success = HttpFunctions.handle(ok, () -> HttpFunctions.json(ok, HttpStatus.OK, Map.of()));
        InProcessHttpRequest bad = post("[]", headers);
        HttpResponseMessage problem = HttpFunctions.handle(bad, () -> {
            HttpFunctions.jsonBody(bad);
            throw new AssertionError("not an object");
        });
        InProcessHttpRequest busy = post("{}", headers);
        HttpResponseMessage unavailable = HttpFunctions.handle(busy, () -> {
            throw new StoreUnavailableException("down");
        });

        assertThat(success.getHeader("x-correlation-id")).isEqualTo("corr-from-client");
        assertThat(problem.getHeader("x-correlation-id")).isEqualTo("corr-from-client");
        assertThat(unavailable.getHeader("x-correlation-id")).isEqualTo("corr-from-client");
    }

    @Test
    void theHandlerRunsWithTheRequestsCorrelationIdAndItIsClearedAfterwards() {
        InProcessHttpRequest request = post("{}", Map.of("x-correlation-id", "corr-7"));
        Map<String, String> seen = new HashMap<>();

        HttpFunctions.handle(request, () -> {
            seen.put("during", Correlation.current());
            return HttpFunctions.json(request, HttpStatus.OK, Map.of());
        });

        assertThat(seen.get("during")).isEqualTo("corr-7");
        assertThat(MDC.get(Correlation.MDC_KEY)).isNull();
    }

    @Test
    void aCorrelationIdIsGeneratedWhenTheRequestHasNone() {
        InProcessHttpRequest first = post("{}");
        InProcessHttpRequest second = post("[]");

        HttpResponseMessage success = HttpFunctions.handle(first,
                () -> HttpFunctions.json(first, HttpStatus.OK, Map.of()));
        HttpResponseMessage problem = HttpFunctions.handle(second, () -> {
            HttpFunctions.jsonBody(second);
            throw new AssertionError("not an object");
        });

        String generated = success.getHeader("x-correlation-id");
        assertThat(UUID.fromString(generated)).isNotNull();
        assertThat(UUID.fromString(problem.getHeader("x-correlation-id"))).isNotNull();
        assertThat(problem.getHeader("x-correlation-id")).isNotEqualTo(generated);
    }

    @Test
    void aRefusedCallerIsA401ProblemThatSaysHowToAuthenticateOrA403Problem() throws Exception {
        InProcessHttpRequest anonymous = post("{}");
        InProcessHttpRequest alice = SignedIn.as("alice", post("{}"));

        HttpResponseMessage unauthenticated = HttpFunctions.handle(anonymous, () -> {
            Access.signedIn(anonymous);
            throw new AssertionError("nobody is signed in");
        });
        HttpResponseMessage forbidden = HttpFunctions.handle(alice, () -> {
            Access.requireSelf(Access.signedIn(alice), new UserId("bob"));
            throw new AssertionError("alice is not bob");
        });

        assertThat(unauthenticated.getStatusCode()).isEqualTo(401);
        assertThat(unauthenticated.getHeader("Content-Type")).isEqualTo("application/problem+json");
        assertThat(unauthenticated.getHeader("WWW-Authenticate")).isEqualTo("Bearer");
        assertThat(bodyOf(unauthenticated).path("status").asInt()).isEqualTo(401);
        assertThat(forbidden.getStatusCode()).isEqualTo(403);
        assertThat(forbidden.getHeader("Content-Type")).isEqualTo("application/problem+json");
        assertThat(bodyOf(forbidden).path("title").asText()).isEqualTo("Forbidden");
    }

    @Test
    void aStateChangeFromAnotherSiteIsA403BeforeTheHandlerRuns() throws Exception {
        InProcessHttpRequest request = SignedIn.as("alice", post("{}", Map.of("Sec-Fetch-Site", "cross-site")));

        HttpResponseMessage response = HttpFunctions.handle(request, () -> {
            throw new AssertionError("the handler must not run");
        });

        assertThat(response.getStatusCode()).isEqualTo(403);
        assertThat(response.getHeader("Content-Type")).isEqualTo("application/problem+json");
    }

    @Test
    void anUnsafeCorrelationIdIsReplacedAndNeverEchoed() {
        InProcessHttpRequest request = post("{}", Map.of("X-Correlation-Id", "evil\r\nX-Injected: 1"));

        HttpResponseMessage response = HttpFunctions.handle(request,
                () -> HttpFunctions.json(request, HttpStatus.OK, Map.of()));

        assertThat(UUID.fromString(response.getHeader("x-correlation-id"))).isNotNull();
    }

    @Test
    void notFoundIsA404Problem() throws Exception {
        InProcessHttpRequest request = new InProcessHttpRequest(HttpMethod.GET,
                URI.create("http://localhost/api/reservations/r1"), Map.of(), Map.of(), null);

        HttpResponseMessage response = HttpFunctions.notFound(request, "reservation r1");

        assertThat(response.getStatusCode()).isEqualTo(404);
        assertThat(response.getHeader("content-type")).isEqualTo("application/problem+json");
        assertThat(bodyOf(response).path("detail").asText()).isEqualTo("reservation r1 does not exist");
        assertThat(bodyOf(response).has("errors")).isFalse();
    }
}
