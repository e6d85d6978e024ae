package dev.flights.localhost.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flights.localhost.LocalHostRuntime;
import dev.flights.localhost.discovery.FunctionApp;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The operator's switches, {@code /admin/apps/{app}/failing|healthy|unavailable|available}, work for every app. */
class AdminSwitchesIT {

    /** A read route of each app that has one; issue-ticket has none. */
    private static final Map<String, String> READ_ROUTE = Map.of(
            "reserve", "/api/reservations/00000000-0000-0000-0000-000000000000",
            "pay", "/api/accounts/nobody",
            "notify", "/api/notifications?userId=nobody",
            "reservation-view", "/api/reservations?userId=nobody");

    private final LocalHostRuntime host = SharedLocalHost.get();
    private final Api api = new Api(host.baseUri());

    @Test
    void everyAppsStoreCanBeMadeToFailAndHealed() {
        for (FunctionApp app : host.apps()) {
            String name = app.name();
            try {
                Api.Response failing = api.post("/admin/apps/" + name + "/failing", null, Map.of());

                assertThat(failing.status()).isEqualTo(200);
                assertThat(failing.body().path("apps").path(name).path("storeFailing").asBoolean()).as(name).isTrue();
                assertThat(host.storeOf(name).isFailing()).isTrue();
                if (READ_ROUTE.containsKey(name)) {
                    assertThat(api.get(READ_ROUTE.get(name)).status()).as("%s reads its failing store", name)
                            .isEqualTo(503);
                }
            } finally {
                assertThat(api.post("/admin/apps/" + name + "/healthy", null, Map.of()).status()).isEqualTo(200);
            }
            assertThat(host.storeOf(name).isFailing()).isFalse();
            if (READ_ROUTE.containsKey(name)) {
                assertThat(api.get(READ_ROUTE.get(name)).status()).as(name).isIn(200, 404);
            }
        }
    }

    @Test
    void everyAppCanBeStoppedAndStarted() {
        for (FunctionApp app : host.apps()) {
            String name = app.name();
            try {
                Api.Response down = api.post("/admin/apps/" + name + "/unavailable", null, Map.of());

                assertThat(down.status()).isEqualTo(200);
                assertThat(down.body().path("apps").path(name).path("available").asBoolean()).as(name).isFalse();
                if (READ_ROUTE.containsKey(name)) {
                    assertThat(api.get(READ_ROUTE.get(name)).status()).as("%s is down", name).isEqualTo(503);
                }
            } finally {
                assertThat(api.post("/admin/apps/" + name + "/available", null, Map.of()).status()).isEqualTo(200);
            }
            assertThat(api.get("/admin/status").body().path("apps").path(name).path("available").asBoolean()).isTrue();
        }
    }
}
