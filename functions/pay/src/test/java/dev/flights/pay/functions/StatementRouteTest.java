package dev.flights.pay.functions;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.microsoft.azure.functions.HttpResponseMessage;
import dev.flights.contract.UserId;
import dev.flights.contract.codec.EventCodec;
import dev.flights.pay.application.PayOnReservationRequested;
import dev.flights.pay.fixtures.Reservations;
import dev.flights.platform.inprocess.InProcessExecutionContext;
import dev.flights.platform.inprocess.InProcessHttpRequest;
import dev.flights.platform.testing.SignedIn;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.UUID;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class StatementRouteTest {

    private final AccountFunctions accounts = PayContext.bean(AccountFunctions.class);
    private final String user = "user-" + UUID.randomUUID();

    /** As the account's own customer (a bad id cannot sign in, so someone else asks for it). */
    private HttpResponseMessage statement(String userId) {
        return statementAs(r -> SignedIn.as(UserId.isValid(userId) ? userId : "someone", r), userId);
    }

    private HttpResponseMessage statementAs(UnaryOperator<InProcessHttpRequest> caller, String userId) {
        String path = URLEncoder.encode(userId, StandardCharsets.UTF_8).replace("+", "%20");
        return accounts.statement(caller.apply(InProcessHttpRequest.get("/api/accounts/" + path + "/statement", Map.of())),
                userId, InProcessExecutionContext.of("getStatement"));
    }

    private void deposit(long amount) {
        accounts.deposit(SignedIn.as(user, InProcessHttpRequest.post("/api/accounts/" + user + "/deposits",
                "{\"amount\": " + amount + "}", Map.of())), user, InProcessExecutionContext.of("deposit"));
    }

    private static JsonNode body(HttpResponseMessage response) throws Exception {
        return EventCodec.json().readTree((String) response.getBody());
    }

    @Test
    void showsTheBalanceAndEveryMovementNewestFirst() throws Exception {
        deposit(150);
        Reservations reservation = Reservations.aReservation().by(user).costing(100);
        PayContext.bean(PayOnReservationRequested.class).on(reservation.requested());
        deposit(20);

        HttpResponseMessage response = statement(user);

        assertThat(response.getStatusCode()).isEqualTo(200);
        assertThat(response.getHeader("Content-Type")).isEqualTo("application/json");
        JsonNode body = body(response);
        assertThat(body.path("userId").asText()).isEqualTo(user);
        assertThat(body.path("balance").asLong()).isEqualTo(70);
        JsonNode items = body.path("items");
        assertThat(items).hasSize(3);
        assertThat(items.get(0).path("type").asText()).isEqualTo("DEPOSIT");
        assertThat(items.get(0).path("amount").asLong()).isEqualTo(20);
        assertThat(items.get(0).path("balanceAfter").asLong()).isEqualTo(70);
        assertThat(items.get(0).has("reservationId")).as("a deposit has no reservation").isFalse();
        assertThat(items.get(0).path("at").asText()).isNotBlank();
        assertThat(items.get(1).path("type").asText()).isEqualTo("CHARGE");
        assertThat(items.get(1).path("amount").asLong()).isEqualTo(100);
        assertThat(items.get(1).path("balanceAfter").asLong()).isEqualTo(50);
        assertThat(items.get(1).path("reservationId").asText()).isEqualTo(reservation.id().toString());
        assertThat(items.get(2).path("balanceAfter").asLong()).isEqualTo(150);
        assertThat(items).extracting(i -> i.path("sequence").asLong()).containsExactly(3L, 2L, 1L);
    }

    @Test
    void isForTheAccountsOwnCustomerOrAnOperator() throws Exception {
        deposit(40);
        UnaryOperator<InProcessHttpRequest> forged = r -> r.withHeaders(Map.of("X-MS-CLIENT-PRINCIPAL-ID", user,
                "X-MS-CLIENT-PRINCIPAL-NAME", user));

        HttpResponseMessage anonymous = statementAs(r -> r, user);
        HttpResponseMessage forgedHeaders = statementAs(forged, user);
        HttpResponseMessage another = statementAs(r -> SignedIn.as("someone-else", r), user);
        HttpResponseMessage operator = statementAs(SignedIn::asAdmin, user);

        assertThat(anonymous.getStatusCode()).isEqualTo(401);
        assertThat(forgedHeaders.getStatusCode()).isEqualTo(401);
        assertThat(another.getStatusCode()).isEqualTo(403);
        assertThat(another.getHeader("Content-Type")).isEqualTo("application/problem+json");
        assertThat(body(another).toString()).doesNotContain("balance");
        assertThat(operator.getStatusCode()).isEqualTo(200);
        assertThat(body(operator).path("balance").asLong()).isEqualTo(40);
    }

    @Test
    void answers404ForAnAccountNobodyDepositedInto() throws Exception {
        HttpResponseMessage response = statement(user);

        assertThat(response.getStatusCode()).isEqualTo(404);
        assertThat(response.getHeader("Content-Type")).isEqualTo("application/problem+json");
    }

    @ParameterizedTest(name = "userId [{0}]")
    @ValueSource(strings = {"bad id!", "a/b", "ü", " "})
    void refusesABadUserIdNamingIt(String userId) throws Exception {
        HttpResponseMessage response = statement(userId);

        assertThat(response.getStatusCode()).isEqualTo(400);
        assertThat(body(response).path("errors").get(0).path("field").asText()).isEqualTo("userId");
    }

    @Test
    void answers503WhenTheStoreIsDown() throws Exception {
        deposit(10);
        PayContext.STORE.setFailing(true);
        HttpResponseMessage response;
        try {
            response = statement(user);
        } finally {
            PayContext.STORE.setFailing(false);
        }

        assertThat(response.getStatusCode()).isEqualTo(503);
        assertThat(response.getHeader("Retry-After")).isNotBlank();
    }
}
