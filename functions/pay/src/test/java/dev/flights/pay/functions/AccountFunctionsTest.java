package dev.flights.pay.functions;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.microsoft.azure.functions.HttpResponseMessage;
import dev.flights.contract.codec.EventCodec;
import dev.flights.platform.inprocess.InProcessExecutionContext;
import dev.flights.contract.UserId;
import dev.flights.platform.inprocess.InProcessHttpRequest;
import dev.flights.platform.testing.SignedIn;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.UUID;
import java.util.function.UnaryOperator;
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

    /** As the account's own customer (a bad id cannot sign in, so someone else asks for it). */
    private HttpResponseMessage deposit(String userId, String body) {
        return depositAs(ownerOf(userId), userId, body);
    }

    private HttpResponseMessage get(String userId) {
        return getAs(ownerOf(userId), userId);
    }

    private HttpResponseMessage depositAs(UnaryOperator<InProcessHttpRequest> caller, String userId, String body) {
        return functions.deposit(caller.apply(InProcessHttpRequest.post("/api/accounts/" + path(userId) + "/deposits",
                body, Map.of())), userId, InProcessExecutionContext.of("deposit"));
    }

    private HttpResponseMessage getAs(UnaryOperator<InProcessHttpRequest> caller, String userId) {
        return functions.get(caller.apply(InProcessHttpRequest.get("/api/accounts/" + path(userId), Map.of())), userId,
                InProcessExecutionContext.of("getAccount"));
    }

    private static UnaryOperator<InProcessHttpRequest> ownerOf(String userId) {
        String caller = UserId.isValid(userId) ? userId : "someone";
        return request -> SignedIn.as(caller, request);
    }

    /** The route segment as a client sends it; the host hands the function the decoded value. */
    private static String path(String userId) {
        return URLEncoder.encode(userId, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private static JsonNode body(HttpResponseMessage response) throws Exception {
        return EventCodec.json().readTree((String) response.getBody());
    }

    @Test
    void nobodySignedInIsA401ToDepositOrReadAndNoAccountIsOpened() throws Exception {
        String user = someone();
        UnaryOperator<InProcessHttpRequest> forged = request -> request.withHeaders(Map.of(
                "X-MS-CLIENT-PRINCIPAL-ID", user, "X-MS-CLIENT-PRINCIPAL-NAME", user));

        for (HttpResponseMessage response : new HttpResponseMessage[] {
                depositAs(request -> request, user, "{\"amount\": 10}"), depositAs(forged, user, "{\"amount\": 10}"),
                getAs(request -> request, user)}) {
            assertThat(response.getStatusCode()).isEqualTo(401);
            assertThat(response.getHeader("Content-Type")).isEqualTo("application/problem+json");
        }
        assertThat(get(user).getStatusCode()).isEqualTo(404);
    }

    @Test
    void depositingIntoOrReadingAnotherCustomersAccountIsA403AndChangesNothing() throws Exception {
        String owner = someone();
        deposit(owner, "{\"amount\": 150}");
        UnaryOperator<InProcessHttpRequest> mallory = request -> SignedIn.as("mallory", request);

        HttpResponseMessage deposited = depositAs(mallory, owner, "{\"amount\": 10}");
        HttpResponseMessage read = getAs(mallory, owner);

        for (HttpResponseMessage response : new HttpResponseMessage[] {deposited, read}) {
            assertThat(response.getStatusCode()).isEqualTo(403);
            assertThat(response.getHeader("Content-Type")).isEqualTo("application/problem+json");
        }
        assertThat(body(get(owner)).path("balance").asLong()).isEqualTo(150);
    }

    @Test
    void anOperatorReadsAnyAccountButDepositsIntoNoneButTheirOwn() throws Exception {
        String owner = someone();
        deposit(owner, "{\"amount\": 150}");

        HttpResponseMessage read = getAs(SignedIn::asAdmin, owner);
        HttpResponseMessage deposited = depositAs(SignedIn::asAdmin, owner, "{\"amount\": 10}");

        assertThat(read.getStatusCode()).isEqualTo(200);
        assertThat(body(read).path("balance").asLong()).isEqualTo(150);
        assertThat(deposited.getStatusCode()).isEqualTo(403);
        assertThat(body(get(owner)).path("balance").asLong()).isEqualTo(150);
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
