package dev.flights.localhost.http;

import dev.flights.contract.UserId;
import dev.flights.platform.auth.ClientPrincipal;
import dev.flights.platform.auth.PrincipalHeaders;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** One dev sign-in: who, with which app roles, until when. */
record DevSession(String token, UserId userId, List<String> roles, Instant expiresOn) {

    DevSession {
        roles = List.copyOf(roles);
    }

    /** The principal with the claim types Entra ID gives, so the apps map it with the code that runs on Azure. */
    ClientPrincipal principal() {
        return ClientPrincipal.entra(userId.value(), userId.value(), roles);
    }

    Map<String, String> principalHeaders() {
        return PrincipalHeaders.of(principal(), userId.value(), userId.value());
    }
}
