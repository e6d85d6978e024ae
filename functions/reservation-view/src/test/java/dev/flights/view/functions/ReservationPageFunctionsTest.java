package dev.flights.view.functions;

import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.azure.functions.HttpResponseMessage;
import dev.flights.contract.ReservationStatus;
import dev.flights.platform.inprocess.InProcessExecutionContext;
import dev.flights.platform.inprocess.InProcessHttpRequest;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ReservationPageFunctionsTest {

    private final ReservationPageFunctions functions = new ReservationPageFunctions(new ReservationPage());

    @Test
    void servesThePageAsUtf8Html() {
        HttpResponseMessage response = page();

        assertThat(response.getStatusCode()).isEqualTo(200);
        assertThat(response.getHeader("Content-Type")).isEqualTo("text/html; charset=utf-8");
        assertThat(html(response)).startsWith("<!DOCTYPE html>").contains("<title>Flight reservations</title>");
    }

    @Test
    void loadsNothingFromAnotherOriginAndLetsTheBrowserEnforceIt() {
        HttpResponseMessage response = page();

        assertThat(html(response)).doesNotContain("http://", "https://", "//cdn", "@import", "<link rel=\"stylesheet\"",
                "<script src");
        assertThat(response.getHeader("Content-Security-Policy")).contains("default-src 'none'", "connect-src 'self'");
    }

    @Test
    void callsTheApiOfItsOwnOriginForEveryRouteItNeeds() {
        assertThat(html(page())).contains("\"/api/reservations\"", "\"/api/notifications\"", "\"/api/accounts/\"",
                "\"/deposits\"", "\"/cancel\"");
    }

    @Test
    void givesTestsAndScriptsStableHandlesOnWhatItShows() {
        assertThat(html(page())).contains("id=\"user-id\"", "id=\"deposit-amount\"", "id=\"flight-id\"",
                "id=\"balance\"", "id=\"reservation-list\"", "id=\"notification-list\"", "id=\"errors\"",
                "dataset.reservationId", "dataset.status", "dataset.ticketNumber", "dataset.refunded");
    }

    @Test
    void hasABadgeForEveryStatusACustomerCanSee() {
        String html = html(page());

        for (ReservationStatus status : ReservationStatus.values()) {
            assertThat(html).as(status.name()).contains(".badge[data-status=\"" + status + "\"]", status + ": \"");
        }
    }

    private HttpResponseMessage page() {
        return functions.page(InProcessHttpRequest.get("/api/page", Map.of()),
                InProcessExecutionContext.of("reservationPage"));
    }

    private static String html(HttpResponseMessage response) {
        return (String) response.getBody();
    }
}
