package dev.flights.localhost.http;

import com.sun.net.httpserver.HttpExchange;
import java.util.Optional;
import java.util.Set;

/**
 * Refuses a state-changing request (anything but GET, HEAD, OPTIONS) that a browser sent from another origin: a
 * {@code Sec-Fetch-Site} other than {@code same-origin} or {@code none}, or an {@code Origin} that is not this host.
 * A page on another port of localhost is "same-site", and the sign-in cookie goes with its requests whatever its
 * SameSite attribute, so only the origin tells the page from an attacker's. Browsers send {@code Origin} on every
 * cross-origin POST (also bodiless ones and HTML forms, which a JSON content-type rule would not cover); clients that
 * send neither header (curl, tests) are not browsers and cannot be made to act by a web page.
 */
final class CrossSiteGuard {

    private static final Set<String> SAFE_METHODS = Set.of("GET", "HEAD", "OPTIONS");
    private static final Set<String> OWN_FETCH_SITES = Set.of("same-origin", "none");

    private CrossSiteGuard() {
    }

    /** Why the request is refused, or empty when it may go on. */
    static Optional<String> refusal(HttpExchange exchange, int port) {
        if (SAFE_METHODS.contains(exchange.getRequestMethod())) {
            return Optional.empty();
        }
        String fetchSite = exchange.getRequestHeaders().getFirst("Sec-Fetch-Site");
        if (fetchSite != null && !OWN_FETCH_SITES.contains(fetchSite.trim())) {
            return Optional.of("a " + exchange.getRequestMethod() + " from another site is refused");
        }
        String origin = exchange.getRequestHeaders().getFirst("Origin");
        if (origin != null && !Set.of("http://localhost:" + port, "http://127.0.0.1:" + port, "http://[::1]:" + port)
                .contains(origin.trim())) {
            return Optional.of("a " + exchange.getRequestMethod() + " from another origin is refused");
        }
        return Optional.empty();
    }
}
