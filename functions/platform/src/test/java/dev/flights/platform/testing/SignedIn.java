package dev.flights.platform.testing;

import dev.flights.platform.auth.Caller;
import dev.flights.platform.auth.ClientPrincipal;
import dev.flights.platform.auth.PrincipalHeaders;
import dev.flights.platform.inprocess.InProcessHttpRequest;
import java.util.List;
import java.util.Map;

/** Requests as App Service Authentication hands them to a function after an Entra ID sign-in. */
public final class SignedIn {

    private SignedIn() {
    }

    public static Map<String, String> headers(String userId, String... roles) {
        return PrincipalHeaders.of(ClientPrincipal.entra(userId, userId + "@example.com", List.of(roles)), userId,
                userId + "@example.com");
    }

    public static InProcessHttpRequest as(String userId, InProcessHttpRequest request) {
        return request.withHeaders(headers(userId));
    }

    public static InProcessHttpRequest asAdmin(InProcessHttpRequest request) {
        return request.withHeaders(headers("operator", Caller.ADMIN));
    }
}
