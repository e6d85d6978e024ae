package dev.flights.pay.functions;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.microsoft.azure.functions.HttpResponseMessage;
import dev.flights.contract.codec.EventCodec;
import dev.flights.platform.inprocess.InProcessExecutionContext;
import dev.flights.platform.inprocess.InProcessHttpRequest;
import dev.flights.platform.testing.SignedIn;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class DepositIdempotencyTest {

    private final AccountFunctions functions = PayContext.bean(AccountFunctions.class);
    private final String user = "user-" + UUID.randomUUID();

    private HttpResponseMessage deposit(long amount, Map<String, String> headers) {
        return functions.deposit(SignedIn.as(user, InProcessHttpRequest.post("/api/accounts/" + user + "/deposits",
                "{\"amount\": " + amount + "}", headers)), user, InProcessExecutionContext.of("deposit"));
    }

    private HttpResponseMessage deposit(long amount, String key) {
        return deposit(amount, Map.of("Idempotency-Key", key));
    }

    private long balance() throws Exception {
        HttpResponseMessage account = functions.get(SignedIn.as(user, InProcessHttpRequest.get("/api/accounts/" + user,
                Map.of())), user, InProcessExecutionContext.of("getAccount"));
        return account.getStatusCode() == 404 ? 0 : body(account).path("balance").asLong();
    }

    private static JsonNode body(HttpResponseMessage response) throws Exception {
        return EventCodec.json().readTree((String) response.getBody());
    }

    @Test
    void aRetryWithTheSameKeyGetsTheSameStatusAndBodyAndIsCreditedOnce() throws Exception {
        HttpResponseMessage first = deposit(100, "9b1deb4d-3b7d-4bad-9bdd-2b0d7b3dcb6d");
        deposit(30, Map.of());

        HttpResponseMessage retry = deposit(100, "9b1deb4d-3b7d-4bad-9bdd-2b0d7b3dcb6d");

        assertThat(first.getStatusCode()).isEqualTo(200);
        assertThat(retry.getStatusCode()).isEqualTo(200);
        assertThat(retry.getHeader("Content-Type")).isEqualTo("application/json");
        assertThat(body(retry)).isEqualTo(body(first));
        assertThat(body(retry).path("balance").asLong()).isEqualTo(100);
        assertThat(balance()).isEqualTo(130);
    }

    @Test
    void theHeaderNameIsCaseInsensitive() throws Exception {
        deposit(100, "k1");

        HttpResponseMessage retry = deposit(100, Map.of("idempotency-key", "k1"));

        assertThat(retry.getStatusCode()).isEqualTo(200);
        assertThat(balance()).isEqualTo(100);
    }

    @Test
    void theSameKeyWithAnotherAmountIs409NamingTheHeaderAndCreditsNothing() throws Exception {
        deposit(100, "k1");

        HttpResponseMessage reused = deposit(101, "k1");

        assertThat(reused.getStatusCode()).isEqualTo(409);
        assertThat(reused.getHeader("Content-Type")).isEqualTo("application/problem+json");
        assertThat(body(reused).path("type").asText()).isEqualTo("/problems/idempotency-key-reused");
        assertThat(body(reused).path("errors").get(0).path("field").asText()).isEqualTo("Idempotency-Key");
        assertThat(balance()).isEqualTo(100);
    }

    @ParameterizedTest(name = "key [{0}]")
    @ValueSource(strings = {"", " ", "has space", "a/b", "a#b", "ü", "k\"1", "k1\u0000",
            "x1234567890123456789012345678901234567890123456789012345678901234"})
    void refusesAKeyThatIsNotOneTo64SafeCharactersNamingTheHeader(String key) throws Exception {
        HttpResponseMessage response = deposit(100, key);

        assertThat(response.getStatusCode()).isEqualTo(400);
        assertThat(response.getHeader("Content-Type")).isEqualTo("application/problem+json");
        assertThat(body(response).path("errors").get(0).path("field").asText()).isEqualTo("Idempotency-Key");
        assertThat(balance()).as("nothing stored").isZero();
    }

    @Test
    void acceptsAKeyOf64SafeCharacters() throws Exception {
        String key = "Aa0._-".repeat(10) + "abcd";

        assertThat(deposit(5, key).getStatusCode()).isEqualTo(200);
        assertThat(deposit(5, key).getStatusCode()).isEqualTo(200);
        assertThat(balance()).isEqualTo(5);
    }
}
