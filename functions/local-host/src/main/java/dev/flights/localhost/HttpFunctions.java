package dev.flights.localhost;

import dev.flights.localhost.http.HostControls;
import dev.flights.localhost.http.HttpGateway;
import dev.flights.localhost.http.HttpRoute;
import dev.flights.localhost.triggers.FunctionInvoker;
import java.io.IOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/** The HTTP side of the host: the HTTP-triggered functions, served on one port once every app has started. */
final class HttpFunctions implements AutoCloseable {

    private final List<HttpRoute> routes = new ArrayList<>();
    private HttpGateway gateway;

    void bind(FunctionInvoker invoker) {
        routes.add(HttpRoute.of(invoker));
    }

    void serve(int port, HostControls controls, Predicate<String> appAvailable) throws IOException {
        gateway = new HttpGateway(port, routes, controls, appAvailable);
        gateway.start();
    }

    URI baseUri() {
        return URI.create("http://localhost:" + gateway.port());
    }

    @Override
    public void close() {
        if (gateway != null) {
            gateway.close();
        }
    }
}
