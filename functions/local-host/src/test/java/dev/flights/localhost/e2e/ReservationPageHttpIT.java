package dev.flights.localhost.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.flights.localhost.LocalHostRuntime;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The reservation list page over plain HTTP, no browser: where it is served and that it stands on its own. */
class ReservationPageHttpIT {

    private static final String TITLE = "<title>Flight reservations</title>";

    private final LocalHostRuntime host = SharedLocalHost.get();
    // one client for the class, not one per test: see Api's
    private static final HttpClient client = HttpClient.newHttpClient();

    @Test
    void theRootOfTheLocalHostIsThePage() throws Exception {
        HttpResponse<String> root = get("/");

        assertThat(root.statusCode()).isEqualTo(200);
        assertThat(root.headers().firstValue("Content-Type")).hasValue("text/html; charset=utf-8");
        assertThat(root.body()).contains(TITLE);
    }

    @Test
    void thePageFunctionServesTheSamePageUnderApiAsOnAzure() throws Exception {
        HttpResponse<String> page = get("/api/page");

        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().firstValue("Content-Type")).hasValue("text/html; charset=utf-8");
        assertThat(page.body()).contains(TITLE).isEqualTo(get("/").body());
    }

    @Test
    void thePageReferencesNoExternalUrlSoItWorksOffline() throws Exception {
        HttpResponse<String> page = get("/");

        // the claim type URIs the page reads from /.auth/me are names, never fetched
        assertThat(page.body()).doesNotContainPattern("(src|href|action)=\"?(https?:)?//")
                .doesNotContainPattern("(fetch|url)\\(\"?(https?:)?//");
        assertThat(page.headers().firstValue("Content-Security-Policy")).hasValueSatisfying(csp ->
                assertThat(csp).contains("default-src 'none'", "connect-src 'self'"));
    }

    @Test
    void theListOfFunctionsAndTheirRoutesIsUnderAdminFunctions() {
        Api.Response response = new Api(host.baseUri()).get("/admin/functions");

        assertThat(response.status()).isEqualTo(200);
        List<String> routes = new ArrayList<>();
        response.body().path("functions")
                .forEach((JsonNode f) -> routes.add(f.path("function").asText() + " " + f.path("route").asText()));
        assertThat(routes).contains("reservationPage [GET] /api/page", "listReservations [GET] /api/reservations",
                "reserve [POST] /api/reservations");
    }

    private HttpResponse<String> get(String path) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(host.baseUri().resolve(path)).timeout(Duration.ofSeconds(20))
                .GET().build();
        return client.send(request, HttpResponse.BodyHandlers.ofString());
    }
}
