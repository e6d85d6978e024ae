package dev.flights.platform.testing;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.microsoft.azure.functions.HttpResponseMessage;
import dev.flights.contract.codec.EventCodec;
import dev.flights.platform.inprocess.InProcessHttpRequest;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/**
 * Who may read a customer's list ({@code GET …?userId=}), for every app that serves one: the customer (the
 * {@code userId} may be left out), an operator; nobody else, and nobody who is not signed in.
 */
public interface CustomerListRouteContract {

    /** Calls the list function with the request as {@code caller} makes it. */
    HttpResponseMessage listAs(UnaryOperator<InProcessHttpRequest> caller, Map<String, String> query);

    /** Makes the list of {@code userId} hold exactly one item. */
    void oneItemFor(String userId);

    private static JsonNode items(HttpResponseMessage response) throws Exception {
        return EventCodec.json().readTree((String) response.getBody()).path("items");
    }

    @Test
    default void leftOutTheUserIdIsTheSignedInCustomer() throws Exception {
        oneItemFor("lister");

        HttpResponseMessage response = listAs(request -> SignedIn.as("lister", request), Map.of());

        assertThat(response.getStatusCode()).isEqualTo(200);
        assertThat(items(response)).hasSize(1);
    }

    @Test
    default void nobodySignedInIsA401AndAForgedPrincipalIdIsNobody() {
        HttpResponseMessage anonymous = listAs(request -> request, Map.of("userId", "lister"));
        HttpResponseMessage forged = listAs(request -> request.withHeaders(Map.of("X-MS-CLIENT-PRINCIPAL-ID",
                "lister")), Map.of("userId", "lister"));

        for (HttpResponseMessage response : new HttpResponseMessage[] {anonymous, forged}) {
            assertThat(response.getStatusCode()).isEqualTo(401);
            assertThat(response.getHeader("Content-Type")).isEqualTo("application/problem+json");
        }
    }

    @Test
    default void anotherCustomersListIsA403AndAnOperatorReadsIt() throws Exception {
        oneItemFor("lister");

        HttpResponseMessage other = listAs(request -> SignedIn.as("mallory", request), Map.of("userId", "lister"));
        HttpResponseMessage operator = listAs(SignedIn::asAdmin, Map.of("userId", "lister"));

        assertThat(other.getStatusCode()).isEqualTo(403);
        assertThat(other.getHeader("Content-Type")).isEqualTo("application/problem+json");
        assertThat(items(other)).isEmpty();
        assertThat(operator.getStatusCode()).isEqualTo(200);
        assertThat(items(operator)).hasSize(1);
    }
}
