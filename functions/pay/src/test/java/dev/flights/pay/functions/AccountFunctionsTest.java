package dev.flights.pay.functions;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.microsoft.azure.functions.HttpResponseMessage;
import dev.flights.contract.codec.EventCodec;
import dev.flights.platform.inprocess.InProcessExecutionContext;
import dev.flights.platform.inprocess.InProcessHttpRequest;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class AccountFunctionsTest {

    private final AccountFunctions functions = PayContext.bean(AccountFunctions.class);

    private static String someone() {
        return "user-" + UUID.randomUUID();
    }

    private HttpResponseMessage deposit(String userId, String body) {
        return functions.deposit(InProcessHttpRequest.post("/api/accounts/" + path(userId) + "/deposits", body, Map.of()),
                userId, InProcessExecutionContext.of("deposit"));
    }

    private HttpResponseMessage get(String userId) {
        return functions.get(InProcessHttpRequest.get("/api/accounts/" + path(userId), Map.of()), userId,
                InProcessExecutionContext.of("getAccount"));
    }

    /** The route segment as a client sends it; the host hands the function the decoded value. */
    private static String path(String userId) {
        return URLEncoder.encode(userId, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private static JsonNode body(HttpResponseMessage response) throws Exception {
        return EventCodec.json().readTree((String) response.getBody());
    }

    @Test
    void opensTheAccountOnTheFirstDepositAndAnswersTheBalance() throws Exception {
        String user = someone();

        HttpResponseMessage response = deposit(user, "{\"amount\": 150}");

        assertThat(response.getStatusCode()).isEqualTo(200);
        assertThat(response.getHeader("Content-Type")).isEqualTo("application/json");
        assertThat(body(response).path("userId").asText()).isEqualTo(user);
        assertThat(body(response).path("balance").asLong()).isEqualTo(150);
    }

    @Test
    void addsLaterDepositsToTheBalance() throws Exception {
        String user = someone();
        deposit(user, "{\"amount\": 150}");

        HttpResponseMessage response = deposit(user, "{\"amount\": 25}");

        assertThat(body(response).path("balance").asLong()).isEqualTo(175);
        assertThat(body(get(user)).path("balance").asLong()).isEqualTo(175);
    }

    @Test
    void readsAnAccount() throws Exception {
        String user = someone();
        deposit(user, "{\"amount\": 1000000}");

        HttpResponseMessage response = get(user);

        assertThat(response.getStatusCode()).isEqualTo(200);
        assertThat(body(response).path("userId").asText()).isEqualTo(user);
        assertThat(body(response).path("balance").asLong()).isEqualTo(1_000_000);
    }

    @Test
    void answers404ForAnAccountNobodyDepositedInto() throws Exception {
        HttpResponseMessage response = get(someone());

        assertThat(response.getStatusCode()).isEqualTo(404);
        assertThat(response.getHeader("Content-Type")).isEqualTo("application/problem+json");
        assertThat(body(response).path("status").asInt()).isEqualTo(404);
    }

    @ParameterizedTest(name = "body {0}")
    @NullAndEmptySource
    @ValueSource(strings = {"not json", "{\"amount\": ", "[150]", "150"})
    void refusesABodyThatIsNotAJsonObjectNamingTheBody(String requestBody) throws Exception {
        assertRefused(requestBody, "body");
    }

    @ParameterizedTest(name = "body {0}")
    @ValueSource(strings = {"{}", "{\"amount\": null}", "{\"amount\": 0}", "{\"amount\": -5}", "{\"amount\": 1.5}",
            "{\"amount\": \"100\"}", "{\"amount\": 1000001}", "{\"amount\": 100000000000000000000000}",
            "{\"amount\": true}", "{\"amount\": {\"value\": 5}}", "{\"money\": 100}"})
    void refusesAnAmountThatIsNotAWholeNumberFromOneToAMillionNamingTheAmount(String requestBody) throws Exception {
        assertRefused(requestBody, "amount");
    }

    @ParameterizedTest(name = "userId [{0}]")
    @ValueSource(strings = {"bad id!", "a/b", "ü", " ",
            "x12345678901234567890123456789012345678901234567890123456789012345"})
    void refusesABadUserIdNamingIt(String userId) throws Exception {
        HttpResponseMessage deposited = deposit(userId, "{\"amount\": 10}");
        HttpResponseMessage read = get(userId);

        for (HttpResponseMessage response : new HttpResponseMessage[] {deposited, read}) {
            assertThat(response.getStatusCode()).isEqualTo(400);
            assertThat(response.getHeader("Content-Type")).isEqualTo("application/problem+json");
            assertThat(body(response).path("errors").get(0).path("field").asText()).isEqualTo("userId");
        }
    }

    @Test
    void answers503WithRetryAfterWhenTheStoreIsDown() throws Exception {
        String user = someone();
        deposit(user, "{\"amount\": 10}");
        PayContext.STORE.setFailing(true);
        HttpResponseMessage deposited;
        HttpResponseMessage read;
        try {
            deposited = deposit(user, "{\"amount\": 10}");
            read = get(user);
        } finally {
            PayContext.STORE.setFailing(false);
        }

        for (HttpResponseMessage response : new HttpResponseMessage[] {deposited, read}) {
            assertThat(response.getStatusCode()).isEqualTo(503);
            assertThat(response.getHeader("Content-Type")).isEqualTo("application/problem+json");
            assertThat(response.getHeader("Retry-After")).isNotBlank();
        }
        assertThat(body(get(user)).path("balance").asLong()).isEqualTo(10);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {"{\"amount\": 1}|1", "{\"amount\": 1000000}|1000000",
            "{\"amount\": 40, \"note\": \"ignored\"}|40"})
    void acceptsTheBoundsOfTheAmount(String requestBody, long balance) throws Exception {
        HttpResponseMessage response = deposit(someone(), requestBody);

        assertThat(response.getStatusCode()).isEqualTo(200);
        assertThat(body(response).path("balance").asLong()).isEqualTo(balance);
    }

    private void assertRefused(String requestBody, String field) throws Exception {
        String user = someone();

        HttpResponseMessage response = deposit(user, requestBody);

        assertThat(response.getStatusCode()).isEqualTo(400);
        assertThat(response.getHeader("Content-Type")).isEqualTo("application/problem+json");
        JsonNode problem = body(response);
        assertThat(problem.path("status").asInt()).isEqualTo(400);
        assertThat(problem.path("errors").get(0).path("field").asText()).isEqualTo(field);
        assertThat(problem.path("errors").get(0).path("rule").asText()).isNotBlank();
        assertThat(get(user).getStatusCode()).as("nothing stored").isEqualTo(404);
    }
}
