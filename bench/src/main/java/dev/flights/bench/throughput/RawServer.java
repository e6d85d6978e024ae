package dev.flights.bench.throughput;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The throughput part's baseline: the JDK HTTP server as the local host runs it (on localhost, Nagle off, 16 worker
 * threads, a backlog of 64), in a JVM of its own, answering every request with 202 and a small JSON body without
 * doing anything else. What the local host does beyond that is the cost of the apps.
 */
public final class RawServer {

    private static final Logger log = LoggerFactory.getLogger(RawServer.class);

    private RawServer() {
    }

    public static void main(String[] args) throws Exception {
        System.setProperty("sun.net.httpserver.nodelay", "true");
        ExecutorService workers = Executors.newFixedThreadPool(16, r -> {
            Thread thread = new Thread(r, "http");
            thread.setDaemon(true);
            return thread;
        });
        HttpServer server = HttpServer.create(new InetSocketAddress("localhost", 0), 64);
        server.createContext("/", RawServer::accept);
        server.setExecutor(workers);
        server.start();
        log.info("Ready: open http://localhost:{}/ ", server.getAddress().getPort());
        new CountDownLatch(1).await();
    }

    private static void accept(HttpExchange exchange) throws IOException {
        try (InputStream in = exchange.getRequestBody()) {
            in.readAllBytes();
        }
        byte[] body = ("{\"reservationId\":\"" + UUID.randomUUID() + "\",\"status\":\"REQUESTED\"}")
                .getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(202, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }
}
