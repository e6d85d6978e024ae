package dev.flights.platform.inprocess;

import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.azure.functions.HttpMethod;
import com.microsoft.azure.functions.HttpResponseMessage;
import com.microsoft.azure.functions.HttpStatus;
import com.microsoft.azure.functions.HttpStatusType;
import java.util.Map;
import org.junit.jupiter.api.Test;

class InProcessHttpRequestTest {

    @Test
    void headerNamesArriveInLowerCaseAsTheFunctionsHostHandsThemOver() {
        InProcessHttpRequest request = InProcessHttpRequest.post("/api/reservations", "{}",
                Map.of("Idempotency-Key", "k1", "X-Correlation-Id", "c1"));

        assertThat(request.getHeaders()).containsEntry("idempotency-key", "k1").containsEntry("x-correlation-id", "c1")
                .doesNotContainKey("Idempotency-Key");
        assertThat(request.getHttpMethod()).isEqualTo(HttpMethod.POST);
        assertThat(request.getUri().getPath()).isEqualTo("/api/reservations");
        assertThat(request.getBody()).contains("{}");
    }

    @Test
    void aGetHasItsQueryAndNoBody() {
        InProcessHttpRequest request = InProcessHttpRequest.get("/api/reservations", Map.of("userId", "alice"));

        assertThat(request.getHttpMethod()).isEqualTo(HttpMethod.GET);
        assertThat(request.getQueryParameters()).containsExactly(Map.entry("userId", "alice"));
        assertThat(request.getBody()).isEmpty();
    }

    @Test
    void aResponseKeepsStatusHeadersAndBodyAndFindsHeadersWhateverTheirCase() {
        InProcessHttpRequest request = InProcessHttpRequest.get("/", Map.of());

        HttpResponseMessage response = request.createResponseBuilder(HttpStatus.ACCEPTED)
                .header("Location", "/api/reservations/r1").body("{\"a\":1}").build();

        assertThat(response.getStatusCode()).isEqualTo(202);
        assertThat(response.getStatus()).isEqualTo(HttpStatus.ACCEPTED);
        assertThat(response.getHeader("location")).isEqualTo("/api/reservations/r1");
        assertThat(response.getHeader("LOCATION")).isEqualTo("/api/reservations/r1");
        assertThat(response.getHeader("Retry-After")).isNull();
        assertThat(response.getBody()).isEqualTo("{\"a\":1}");
    }

    @Test
    void aCustomStatusKeepsItsCode() {
        HttpResponseMessage response = InProcessHttpRequest.get("/", Map.of())
                .createResponseBuilder(HttpStatusType.custom(422)).build();

        assertThat(response.getStatusCode()).isEqualTo(422);
        assertThat(response.getBody()).isNull();
    }
}
