package dev.flights.localhost.http;

import dev.flights.contract.UserId;
import dev.flights.platform.auth.ClientPrincipal;
import dev.flights.platform.auth.PrincipalHeaders;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One dev sign-in: who, with which app roles, until when; and the principal headers App Service Authentication adds
 * to each of its requests, made once (they do not change while the session lasts).
 */
record DevSession(String token, UserId userId, List<String> roles, Instant expiresOn,
        Map<String, String> principalHeaders) {

    DevSession {
        roles = List.copyOf(roles);
        principalHeaders = Collections.unmodifiableMap(new LinkedHashMap<>(principalHeaders));
    }

    static DevSession of(String token, UserId userId, List<String> roles, Instant expiresOn) {
        return new DevSession(token, userId, roles, expiresOn,
                PrincipalHeaders.of(principal(userId, roles), userId.value(), userId.value()));
    }

    /** The principal with the claim types Entra ID gives, so the apps map it with the code that runs on Azure. */
    ClientPrincipal principal() {
        return principal(userId, roles);
    }

    private static ClientPrincipal principal(UserId userId, List<String> roles) {
        return ClientPrincipal.entra(userId.value(), userId.value(), roles);
    }
}
