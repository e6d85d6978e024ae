package dev.flights.platform.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.flights.contract.UserId;
import dev.flights.platform.spring.MissingSettingsException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class AuthSettingsTest {

    private static final Map<String, String> FORGED = PrincipalHeaders.of(
            ClientPrincipal.entra("alice", "alice", List.of()), "alice", "alice");

    @AfterEach
    void forget() {
        Access.authenticateWith(null);
    }

    @Test
    void withoutTheSettingTheAppTrustsAppServiceAuthenticationsPrincipalAsBefore() {
        CallerAuthentication authentication = AuthSettings.from(Map.<String, String>of()::get);

        assertThat(authentication.caller(FORGED).orElseThrow().userId()).isEqualTo(new UserId("alice"));
        assertThat(AuthSettings.from(Map.of(AuthSettings.MODE, "App-Service")::get).caller(FORGED)).isPresent();
    }

    @Test
    void entraTokenModeWithoutTenantOrClientIdFailsTheStartNamingThem() {
        MissingSettingsException missing = catchThrowableOfType(MissingSettingsException.class,
                () -> AuthSettings.from(Map.of(AuthSettings.MODE, "entra-token")::get));

        assertThat(missing.settings()).hasSize(2);
        assertThat(missing.getMessage()).contains(AuthSettings.TENANT_ID, AuthSettings.CLIENT_ID);
        MissingSettingsException badTenant = catchThrowableOfType(MissingSettingsException.class,
                () -> AuthSettings.from(Map.of(AuthSettings.MODE, "entra-token", AuthSettings.TENANT_ID, "a/b",
                        AuthSettings.CLIENT_ID, "c")::get));
        assertThat(badTenant.getMessage()).contains(AuthSettings.TENANT_ID).doesNotContain(AuthSettings.CLIENT_ID);
    }

    @Test
    void anUnknownModeFailsTheStartRatherThanFallingBackToTheHeaders() {
        MissingSettingsException wrong = catchThrowableOfType(MissingSettingsException.class,
                () -> AuthSettings.from(Map.of(AuthSettings.MODE, "entra")::get));

        assertThat(wrong.getMessage()).contains(AuthSettings.MODE, "entra-token", "'entra'");
    }

    @Test
    void theInstalledEntraModeMakesAccessRefuseForgedPrincipalHeaders() {
        AuthSettings.install(Map.of(AuthSettings.MODE, "entra-token", AuthSettings.TENANT_ID, "contoso.onmicrosoft.com",
                AuthSettings.CLIENT_ID, "6f1e3b2a-0000-4000-8000-000000000001")::get);

        int status = catchThrowableOfType(AccessRefusedException.class, () -> Access.signedIn(
                dev.flights.platform.inprocess.InProcessHttpRequest.get("/api/x", Map.of()).withHeaders(FORGED)))
                .status();

        assertThat(status).isEqualTo(401);
    }
}
