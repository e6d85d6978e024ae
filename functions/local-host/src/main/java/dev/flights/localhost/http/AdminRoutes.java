package dev.flights.localhost.http;

import com.sun.net.httpserver.HttpExchange;
import dev.flights.platform.auth.Caller;
import dev.flights.platform.auth.CallerIdentity;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Local-only routes to watch N2 and N3 by hand: {@code POST /admin/apps/{app}/unavailable|available|failing|healthy},
 * {@code GET /admin/status}; {@code GET /admin/parked-outbox}, the outbox documents the relays parked; and
 * {@code GET /admin/functions}, every HTTP function and its route. All need a signed-in caller with the {@code admin}
 * role (and, being state-changing, the switches refuse other origins: {@link CrossSiteGuard}). Dead letters are the consuming apps' own
 * functions ({@code /api/ops/dead-letters/<subscription>}), as on Azure.
 */
final class AdminRoutes {

    private static final Pattern APP_SWITCH = Pattern.compile("/admin/apps/([a-z-]+)/(unavailable|available|failing|healthy)");

    private final HostControls controls;
    private final List<HttpRoute> routes;

    AdminRoutes(HostControls controls, List<HttpRoute> routes) {
        this.controls = controls;
        this.routes = List.copyOf(routes);
    }

    /** Only for a signed-in caller with the admin role, as the operator routes of the apps. */
    void handle(HttpExchange exchange, String path, Map<String, String> forwardedHeaders) throws IOException {
        Optional<Caller> caller = CallerIdentity.from(forwardedHeaders);
        if (caller.isEmpty()) {
            HttpExchanges.sendProblem(exchange, 401, "Unauthenticated", "sign in with the admin role first");
            return;
        }
        if (!caller.get().isAdmin()) {
            HttpExchanges.sendProblem(exchange, 403, "Forbidden", "the admin routes need the admin role");
            return;
        }
        String method = exchange.getRequestMethod();
        Matcher appSwitch = APP_SWITCH.matcher(path);
        try {
            if ("GET".equals(method) && path.equals("/admin/functions")) {
                HttpExchanges.sendJson(exchange, 200, "application/json", Map.of("functions", functions()));
            } else if ("GET".equals(method) && path.equals("/admin/status")) {
                HttpExchanges.sendJson(exchange, 200, "application/json", controls.status());
            } else if ("GET".equals(method) && path.equals("/admin/parked-outbox")) {
                HttpExchanges.sendJson(exchange, 200, "application/json", Map.of("items", controls.parkedOutbox()));
            } else if ("POST".equals(method) && appSwitch.matches()) {
                String app = appSwitch.group(1);
                switch (appSwitch.group(2)) {
                    case "unavailable" -> controls.setAvailable(app, false);
                    case "available" -> controls.setAvailable(app, true);
                    case "failing" -> controls.setFailing(app, true);
                    default -> controls.setFailing(app, false);
                }
                HttpExchanges.sendJson(exchange, 200, "application/json", controls.status());
            } else {
                HttpExchanges.sendProblem(exchange, 404, "Not found", "no admin route " + method + " " + path);
            }
        } catch (IllegalArgumentException e) {
            HttpExchanges.sendProblem(exchange, 404, "Not found", e.getMessage());
        }
    }

    private List<Map<String, String>> functions() {
        List<Map<String, String>> list = new ArrayList<>();
        for (HttpRoute route : routes) {
            Map<String, String> entry = new LinkedHashMap<>();
            entry.put("app", route.app());
            entry.put("function", route.invoker().definition().name());
            entry.put("route", route.methods() + " /api/" + route.template().template());
            list.add(entry);
        }
        return list;
    }
}
