package dev.flights.localhost.http;

import com.microsoft.azure.functions.HttpMethod;
import com.microsoft.azure.functions.HttpResponseMessage;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.flights.contract.codec.EventCodec;
import dev.flights.platform.inprocess.InProcessHttpRequest;
import dev.flights.platform.inprocess.InProcessHttpResponse;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Serves the HTTP triggers on localhost the way {@code func start} does: under /api, with route values. {@code /}
 * is the function whose route is {@value #PAGE_ROUTE} (reservation-view's page), so the browser opens it there.
 * In front of them stands what App Service Authentication does on Azure ({@link AppServiceAuthentication}, the
 * {@code /.auth} routes), and a state-changing request from another origin is refused ({@link CrossSiteGuard}).
 */
public final class HttpGateway implements AutoCloseable {

    static final String PAGE_ROUTE = "page";

    private static final Logger log = LoggerFactory.getLogger(HttpGateway.class);

    private final List<HttpRoute> routes;
    private final AdminRoutes admin;
    static {
        // The JDK's server leaves Nagle's algorithm on unless told otherwise (read once, when its first server class
        // loads): a small response then waits for the client's delayed ACK, about 40 ms a request on loopback.
        if (System.getProperty("sun.net.httpserver.nodelay") == null) {
            System.setProperty("sun.net.httpserver.nodelay", "true");
        }
    }

    private final OpenApiDocument openApi = OpenApiDocument.fromClassPath();
    private final AppServiceAuthentication authentication;
    private final AuthRoutes auth;
    private final Predicate<String> appAvailable;
    private final HttpServer server;
    private final ExecutorService executor = Executors.newFixedThreadPool(16, r -> {
        Thread thread = new Thread(r, "http");
        thread.setDaemon(true);
        return thread;
    });

    public HttpGateway(int port, List<HttpRoute> routes, HostControls controls, Predicate<String> appAvailable)
            throws IOException {
        this(port, routes, controls, appAvailable, DevSessions.configured());
    }

    HttpGateway(int port, List<HttpRoute> routes, HostControls controls, Predicate<String> appAvailable,
            DevSessions sessions) throws IOException {
        this.authentication = new AppServiceAuthentication(sessions);
        this.auth = new AuthRoutes(authentication);
        this.routes = new ArrayList<>(routes);
        this.routes.sort(Comparator.comparingInt(HttpRoute::literalSegments).reversed());
        this.admin = new AdminRoutes(controls, this.routes);
        this.appAvailable = appAvailable;
        this.server = HttpServer.create(new InetSocketAddress("localhost", port), 64);
        server.createContext("/", this::serve);
        server.setExecutor(executor);
    }

    public void start() {
        server.start();
    }

    public int port() {
        return server.getAddress().getPort();
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }

    private void serve(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath();
        try {
            if (path.equals(OpenApiDocument.PATH)) {
                openApi.serve(exchange);
                return;
            }
            if (path.startsWith("/.auth/")) {
                auth.handle(exchange, path, port());
                return;
            }
            AppServiceAuthentication.Resolution caller = authentication.resolve(exchange);
            Optional<String> crossSite = CrossSiteGuard.refusal(exchange, port());
            if (caller instanceof AppServiceAuthentication.BadToken) {
                exchange.getResponseHeaders().set("WWW-Authenticate", "Bearer");
                HttpExchanges.sendProblem(exchange, 401, "Unauthenticated", "the token is unknown or has expired");
            } else if (crossSite.isPresent()) {
                HttpExchanges.sendProblem(exchange, 403, "Forbidden", crossSite.get());
            } else if (path.startsWith("/api/")) {
                serveFunction(exchange, path.substring("/api/".length()), caller);
            } else if (path.startsWith("/admin/")) {
                admin.handle(exchange, path, AppServiceAuthentication.forwardedHeaders(exchange, caller));
            } else if (path.equals("/")) {
                serveFunction(exchange, PAGE_ROUTE, caller);
            } else {
                HttpExchanges.sendProblem(exchange, 404, "Not found", "nothing is served at " + path);
            }
        } catch (Exception e) {
            log.error("{} {} failed", exchange.getRequestMethod(), path, e);
            HttpExchanges.sendProblem(exchange, 500, "Internal error", "the host failed: " + e.getClass().getSimpleName());
        }
    }

    private void serveFunction(HttpExchange exchange, String path, AppServiceAuthentication.Resolution caller)
            throws Exception {
        List<Map.Entry<HttpRoute, Map<String, String>>> matching = new ArrayList<>();
        List<String> segments = RouteTemplate.split(path);
        for (HttpRoute route : routes) {
            route.template().match(segments).ifPresent(values -> matching.add(Map.entry(route, values)));
        }
        if (matching.isEmpty()) {
            HttpExchanges.sendProblem(exchange, 404, "Not found", "no function serves /api/" + path);
            return;
        }
        Optional<HttpMethod> method = method(exchange.getRequestMethod());
        Optional<Map.Entry<HttpRoute, Map<String, String>>> chosen = matching.stream()
                .filter(m -> method.isPresent() && m.getKey().methods().contains(method.get())).findFirst();
        if (chosen.isEmpty()) {
            String allowed = matching.stream().flatMap(m -> m.getKey().methods().stream()).map(Enum::name)
                    .distinct().collect(Collectors.joining(", "));
            exchange.getResponseHeaders().set("Allow", allowed);
            HttpExchanges.sendProblem(exchange, 405, "Method not allowed",
                    exchange.getRequestMethod() + " is not allowed on /api/" + path + "; use " + allowed);
            return;
        }
        HttpRoute route = chosen.get().getKey();
        if (!appAvailable.test(route.app())) {
            exchange.getResponseHeaders().set("Retry-After", "5");
            HttpExchanges.sendProblem(exchange, 503, "Service unavailable", route.app() + " is down");
            return;
        }
        String body;
        try {
            body = HttpExchanges.body(exchange);
        } catch (HttpExchanges.BodyTooLargeException e) {
            HttpExchanges.sendTooLarge(exchange, e);
            return;
        }
        URI uri = URI.create("http://localhost:" + port() + exchange.getRequestURI());
        InProcessHttpRequest request = new InProcessHttpRequest(method.get(), uri,
                AppServiceAuthentication.forwardedHeaders(exchange, caller), HttpExchanges.query(exchange), body);
        Object result = route.invoker().invoke(request, chosen.get().getValue());
        respond(exchange, (HttpResponseMessage) result);
    }

    private static void respond(HttpExchange exchange, HttpResponseMessage response) throws IOException {
        Map<String, String> headers = response instanceof InProcessHttpResponse own ? own.headers() : Map.of();
        Object body = response.getBody();
        String text = body == null ? null : body instanceof String s ? s : EventCodec.json().writeValueAsString(body);
        HttpExchanges.send(exchange, response.getStatusCode(), headers, text);
    }

    private static Optional<HttpMethod> method(String name) {
        try {
            return Optional.of(HttpMethod.valueOf(name.toUpperCase(Locale.ROOT)));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
