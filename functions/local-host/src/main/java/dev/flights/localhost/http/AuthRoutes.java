package dev.flights.localhost.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import dev.flights.contract.UserId;
import dev.flights.platform.http.HttpFunctions;
import dev.flights.platform.http.InvalidInputException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The local host's stand-in for App Service Authentication's own routes, in their shapes:
 * {@code POST /.auth/login/dev} {@code {"userId":"alice","roles":["admin"]}} answers as a client-directed sign-in
 * does ({@code {"authenticationToken":..,"user":{"userId":..}}}) and also sets the {@code AppServiceAuthSession}
 * cookie (HttpOnly, SameSite=Strict) that a server-directed sign-in leaves, so a page works the same here and on
 * Azure; {@code GET /.auth/me} lists the signed-in principal ({@code [{provider_name,user_id,user_claims,
 * expires_on,id_token}]}); {@code GET /.auth/logout} ends the session. Nothing here is packaged with an app: on Azure sign-in
 * is Entra ID's ({@code /.auth/login/aad}).
 */
final class AuthRoutes {

    static final String ROLES_RULE = "a list of at most 10 roles, each 1 to 64 letters, digits, '.', '_' or '-'";
    private static final Pattern ROLE = Pattern.compile("[A-Za-z0-9._-]{1,64}");

    private final AppServiceAuthentication authentication;

    AuthRoutes(AppServiceAuthentication authentication) {
        this.authentication = authentication;
    }

    void handle(HttpExchange exchange, String path, int port) throws IOException {
        String method = exchange.getRequestMethod();
        if (path.equals("/.auth/login/dev") && method.equals("POST")) {
            signIn(exchange, port);
        } else if (path.equals("/.auth/me") && method.equals("GET")) {
            me(exchange);
        } else if (path.equals("/.auth/logout") && method.equals("GET")) {
            signOut(exchange);
        } else {
            HttpExchanges.sendProblem(exchange, 404, "Not found", "no sign-in route " + method + " " + path
                    + "; the local host has POST /.auth/login/dev, GET /.auth/me and GET /.auth/logout");
        }
    }

    private void signIn(HttpExchange exchange, int port) throws IOException {
        var refused = CrossSiteGuard.refusal(exchange, port);
        if (refused.isPresent()) {
            HttpExchanges.sendProblem(exchange, 403, "Forbidden", refused.get());
            return;
        }
        JsonNode body;
        try {
            // as strict as the functions' bodies: one JSON object, each field once, nothing after it
            body = HttpFunctions.jsonObject(HttpExchanges.body(exchange));
        } catch (HttpExchanges.BodyTooLargeException e) {
            HttpExchanges.sendTooLarge(exchange, e);
            return;
        } catch (InvalidInputException e) {
            HttpExchanges.sendInvalid(exchange, e.field(), e.rule());
            return;
        }
        JsonNode userId = body.get("userId");
        if (userId == null || !userId.isTextual() || !UserId.isValid(userId.asText())) {
            HttpExchanges.sendInvalid(exchange, "userId", "is required and must be " + UserId.RULE);
            return;
        }
        List<String> roles = roles(body.get("roles"));
        if (roles == null) {
            HttpExchanges.sendInvalid(exchange, "roles", "must be " + ROLES_RULE);
            return;
        }
        DevSession session = authentication.sessions().signIn(new UserId(userId.asText()), roles);
        exchange.getResponseHeaders().add("Set-Cookie", AppServiceAuthentication.SESSION_COOKIE + "="
                + session.token() + "; Path=/; HttpOnly; SameSite=Strict");
        exchange.getResponseHeaders().set("Cache-Control", "no-store");
        HttpExchanges.sendJson(exchange, 200, "application/json", Map.of("authenticationToken", session.token(),
                "user", Map.of("userId", session.userId().value())));
    }

    private void me(HttpExchange exchange) throws IOException {
        if (!(authentication.resolve(exchange) instanceof AppServiceAuthentication.SignedIn signedIn)) {
            HttpExchanges.sendProblem(exchange, 401, "Unauthenticated", "nobody is signed in");
            return;
        }
        DevSession session = signedIn.session();
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("provider_name", session.principal().authType());
        entry.put("user_id", session.userId().value());
        entry.put("user_claims", session.principal().claims());
        entry.put("expires_on", session.expiresOn().toString());
        // where App Service gives the Entra ID token (token store on), which the apps also take as a bearer token;
        // here the dev token, so a page calls the API the same way on both
        entry.put("id_token", session.token());
        exchange.getResponseHeaders().set("Cache-Control", "no-store");
        HttpExchanges.sendJson(exchange, 200, "application/json", List.of(entry));
    }

    private void signOut(HttpExchange exchange) throws IOException {
        AppServiceAuthentication.anyToken(exchange).ifPresent(authentication.sessions()::end);
        exchange.getResponseHeaders().add("Set-Cookie", AppServiceAuthentication.SESSION_COOKIE
                + "=; Path=/; HttpOnly; SameSite=Strict; Max-Age=0");
        String next = HttpExchanges.query(exchange).get("post_logout_redirect_uri");
        if (next != null && next.startsWith("/") && !next.startsWith("//") && !next.contains("\\")) {
            exchange.getResponseHeaders().set("Location", next);
            HttpExchanges.send(exchange, 302, Map.of(), null);
            return;
        }
        HttpExchanges.sendJson(exchange, 200, "application/json", Map.of("signedOut", true));
    }

    /** The roles asked for (none when left out), or null when they break the rule. */
    private static List<String> roles(JsonNode roles) {
        if (roles == null || roles.isNull()) {
            return List.of();
        }
        if (!roles.isArray() || roles.size() > 10) {
            return null;
        }
        List<String> list = new ArrayList<>();
        for (JsonNode role : roles) {
            if (!role.isTextual() || !ROLE.matcher(role.asText()).matches()) {
                return null;
            }
            list.add(role.asText());
        }
        return list;
    }
}
