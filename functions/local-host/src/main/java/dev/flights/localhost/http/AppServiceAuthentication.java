package dev.flights.localhost.http;

import com.sun.net.httpserver.HttpExchange;
import dev.flights.platform.auth.PrincipalHeaders;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * What App Service Authentication does in front of a Function App, for the local host: every principal header a client
 * sent is dropped, and a request whose token names a live dev sign-in gets {@code X-MS-CLIENT-PRINCIPAL*} as the
 * platform sets them. The token is read from {@code X-ZUMO-AUTH} or {@code Authorization: Bearer} (a client-directed
 * sign-in) or the {@value #SESSION_COOKIE} cookie (the page's). As on Azure, a token that is presented but unknown or
 * expired is a 401; no token is an anonymous request, which the apps refuse themselves.
 */
final class AppServiceAuthentication {

    static final String SESSION_COOKIE = "AppServiceAuthSession";
    static final String ZUMO_HEADER = "X-ZUMO-AUTH";

    /** The request as the functions see it, or why the platform answers 401 before them. */
    sealed interface Resolution permits Anonymous, SignedIn, BadToken {
    }

    record Anonymous() implements Resolution {
    }

    record SignedIn(DevSession session) implements Resolution {
    }

    record BadToken() implements Resolution {
    }

    private final DevSessions sessions;

    AppServiceAuthentication(DevSessions sessions) {
        this.sessions = sessions;
    }

    DevSessions sessions() {
        return sessions;
    }

    Resolution resolve(HttpExchange exchange) {
        Optional<String> headerToken = headerToken(exchange);
        if (headerToken.isPresent()) {
            return sessions.find(headerToken.get()).<Resolution>map(SignedIn::new).orElseGet(BadToken::new);
        }
        // a stale cookie is what a browser keeps after the session ended: it is ignored, not refused
        return cookieToken(exchange).flatMap(sessions::find).<Resolution>map(SignedIn::new)
                .orElseGet(Anonymous::new);
    }

    /** The client's headers without any principal header, plus the platform's when someone is signed in. */
    static Map<String, String> forwardedHeaders(HttpExchange exchange, Resolution resolution) {
        Map<String, String> headers = new LinkedHashMap<>();
        HttpExchanges.headers(exchange).forEach((name, value) -> {
            if (!PrincipalHeaders.isPlatformOwned(name)) {
                headers.put(name, value);
            }
        });
        if (resolution instanceof SignedIn signedIn) {
            headers.putAll(signedIn.session().principalHeaders());
        }
        return headers;
    }

    /** The token the request carries in any of the three places, for sign-out. */
    static Optional<String> anyToken(HttpExchange exchange) {
        return headerToken(exchange).or(() -> cookieToken(exchange));
    }

    private static Optional<String> headerToken(HttpExchange exchange) {
        String zumo = exchange.getRequestHeaders().getFirst(ZUMO_HEADER);
        if (zumo != null && !zumo.isBlank()) {
            return Optional.of(zumo.trim());
        }
        String authorization = exchange.getRequestHeaders().getFirst("Authorization");
        if (authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return Optional.of(authorization.substring(7).trim());
        }
        return Optional.empty();
    }

    private static Optional<String> cookieToken(HttpExchange exchange) {
        for (String header : exchange.getRequestHeaders().getOrDefault("Cookie", java.util.List.of())) {
            for (String pair : header.split(";")) {
                String[] parts = pair.trim().split("=", 2);
                if (parts.length == 2 && parts[0].equals(SESSION_COOKIE) && !parts[1].isBlank()) {
                    return Optional.of(parts[1].trim());
                }
            }
        }
        return Optional.empty();
    }
}
