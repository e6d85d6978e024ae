package dev.flights.view.functions;

import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.azure.functions.HttpResponseMessage;
import dev.flights.contract.ReservationStatus;
import dev.flights.platform.inprocess.InProcessExecutionContext;
import dev.flights.platform.inprocess.InProcessHttpRequest;
import java.util.List;
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

        // the claim type URIs the page reads from /.auth/me are names, never fetched
        assertThat(html(response)).doesNotContainPattern("(src|href|action)=\"?(https?:)?//")
                .doesNotContainPattern("(fetch|url)\\(\"?(https?:)?//").doesNotContain("//cdn", "@import", "<script src");
        assertThat(response.getHeader("Content-Security-Policy")).contains("default-src 'none'", "connect-src 'self'");
    }

    @Test
    void callsTheApiOfItsOwnOriginForEveryRouteItNeeds() {
        assertThat(html(page())).contains("\"/api/reservations\"", "\"/api/notifications\"", "\"/api/accounts/\"",
                "\"/deposits\"", "\"/cancel\"");
    }

    @Test
    void signsInAndOutThroughAppServiceAuthenticationsOwnRoutes() {
        assertThat(html(page())).contains("\"/.auth/me\"", "\"/.auth/login/dev\"",
                "\"/.auth/login/aad?post_login_redirect_uri=\"", "\"/.auth/logout?post_logout_redirect_uri=\"");
    }

    @Test
    void callsTheApiWithTheSignedInCustomersTokenFromAuthMeAndStoresItNowhere() {
        assertThat(html(page())).contains("principal.id_token", "\"Bearer \"")
                .doesNotContain("sessionStorage", "authenticationToken", "document.cookie");
    }

    @Test
    void keysTheCustomerOnTheEntraObjectIdClaimAsTheAppsDo() {
        assertThat(html(page())).contains("\"http://schemas.microsoft.com/identity/claims/objectidentifier\"", "\"oid\"");
    }

    @Test
    void noLongerAsksTheCustomerWhoseDataToShow() {
        assertThat(html(page())).doesNotContain("id=\"user-id\"", "#user=");
    }

    @Test
    void givesTestsAndScriptsStableHandlesOnWhatItShows() {
        assertThat(html(page())).contains("id=\"dev-user\"", "id=\"sign-out\"", "id=\"signed-in-as\"",
                "id=\"deposit-amount\"", "id=\"flight-id\"", "id=\"balance\"", "id=\"balance-down\"",
                "id=\"reservation-list\"", "id=\"notification-list\"", "id=\"errors\"", "dataset.reservationId",
                "dataset.status", "dataset.ticketNumber", "dataset.refunded");
    }

    @Test
    void hasABadgeAndAWordInEnglishAndKoreanForEveryStatusACustomerCanSee() {
        String html = html(page());

        for (ReservationStatus status : ReservationStatus.values()) {
            assertThat(html).as(status.name()).contains(".badge[data-status=\"" + status + "\"]");
            assertThat(html).as(status + " in English and Korean").containsPattern(status + ": \\[\"[^\"]+\", \"[^\"]+\"\\]");
        }
    }

    @Test
    void labelsEveryInputForScreenReaders() {
        String html = html(page());

        for (String input : List.of("dev-user", "deposit-amount", "flight-id")) {
            assertThat(html).as(input).contains("<label for=\"" + input + "\"");
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
