package dev.flights.localhost.openapi;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.flights.contract.codec.EventCodec;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The checker says how a response breaks the document, and says nothing of one that keeps it. */
class ApiContractTest {

    private static final String RESERVATION_ID = "0b6f3c1e-8a4f-4d5e-9b1a-2f3c4d5e6f70";
    private static final Map<String, List<String>> JSON = Map.of("Content-Type", List.of("application/json"),
            "x-correlation-id", List.of("c-1"));
    private static final Map<String, List<String>> PROBLEM = Map.of("Content-Type",
            List.of("application/problem+json"), "x-correlation-id", List.of("c-1"));
    private static final String ACCOUNT = "{\"userId\":\"alice\",\"balance\":150}";
    private static final String RESERVATION = "{\"reservationId\":\"" + RESERVATION_ID + "\",\"userId\":\"alice\","
            + "\"flightId\":\"KE1\",\"price\":100,\"status\":\"REQUESTED\",\"ticketNumber\":null,\"ticketVoided\":false,"
            + "\"refunded\":false,\"paymentRetryAt\":null,\"createdAt\":\"2026-12-02T20:00:00.123456Z\","
            + "\"updatedAt\":\"2026-12-02T20:00:00.123456Z\"}";
    private static final String INVALID = "{\"type\":\"/problems/invalid-input\",\"title\":\"Invalid input\","
            + "\"status\":400,\"detail\":\"amount must be a whole number\","
            + "\"errors\":[{\"field\":\"amount\",\"rule\":\"must be a whole number\"}]}";

    private final ApiContract contract = ApiContract.shared();

    @Test
    void acceptsResponsesThatKeepTheDocument() {
        assertThat(contract.violations("GET", "/api/accounts/alice", 200, JSON, ACCOUNT)).isEmpty();
        assertThat(contract.violations("POST", "/api/accounts/alice/deposits", 400, PROBLEM, INVALID)).isEmpty();
        assertThat(contract.violations("POST", "/api/reservations", 202,
                with(JSON, "Location", "/api/reservations/" + RESERVATION_ID), RESERVATION)).isEmpty();
        assertThat(contract.violations("DELETE", "/api/reservations", 405, PROBLEM,
                "{\"type\":\"/problems/method-not-allowed\",\"title\":\"Method not allowed\",\"status\":405,\"detail\":\"no\"}"))
                .isEmpty();
    }

    @Test
    void namesABodyThatBreaksItsSchema() {
        assertThat(contract.violations("GET", "/api/accounts/alice", 200, JSON, "{\"userId\":\"alice\",\"balance\":\"150\"}"))
                .singleElement().asString().contains("balance");
        assertThat(contract.violations("GET", "/api/accounts/alice", 200, JSON, ACCOUNT.replace("}", ",\"vip\":true}")))
                .singleElement().asString().contains("vip");
        assertThat(contract.violations("GET", "/api/reservations/" + RESERVATION_ID, 200, JSON,
                RESERVATION.replace("REQUESTED", "PAID"))).singleElement().asString().contains("status");
        assertThat(contract.violations("GET", "/api/reservations/" + RESERVATION_ID, 200, JSON,
                RESERVATION.replace("2026-12-02T20:00:00.123456Z\",\"updatedAt", "yesterday\",\"updatedAt")))
                .as("a time that is no RFC 3339 date-time").singleElement().asString().contains("createdAt");
        assertThat(contract.violations("POST", "/api/accounts/alice/deposits", 400, PROBLEM,
                INVALID.replace("\"status\":400", "\"status\":422"))).as("the problem's status is the response's")
                .isNotEmpty();
    }

    @Test
    void namesAStatusContentTypeOrHeaderTheOperationDoesNotDocument() {
        assertThat(contract.violations("GET", "/api/accounts/alice", 418, JSON, ACCOUNT))
                .containsExactly("status 418 is not documented for GET /api/accounts/{userId} (getAccount)");
        assertThat(contract.violations("POST", "/api/accounts/alice/deposits", 400, JSON, INVALID))
                .singleElement().asString().contains("Content-Type application/json is not documented for 400");
        assertThat(contract.violations("POST", "/api/reservations", 202, JSON, RESERVATION))
                .containsExactly("required header Location is missing");
        assertThat(contract.violations("GET", "/api/nothing-here", 200, JSON, ACCOUNT))
                .contains("no operation GET /api/nothing-here in the document, so the host must answer 404, not 200");
    }

    @Test
    void aResponseThatKeptTheDocumentBreaksAChangedCopyOfIt() throws Exception {
        ObjectNode document = (ObjectNode) EventCodec.json().readTree(ApiContract.classPathText(ApiContract.RESOURCE));
        ((ObjectNode) document.at("/components/schemas/Account/properties/balance")).put("type", "string");

        assertThat(ApiContract.of(document.toString()).violations("GET", "/api/accounts/alice", 200, JSON, ACCOUNT))
                .singleElement().asString().contains("balance");
    }

    private static Map<String, List<String>> with(Map<String, List<String>> headers, String name, String value) {
        Map<String, List<String>> more = new java.util.HashMap<>(headers);
        more.put(name, List.of(value));
        return more;
    }
}
