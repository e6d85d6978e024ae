package dev.flights.notify;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A real webhook receiver on a free local port: it keeps every request it gets, answers the statuses it is told
 * to in turn (200 once they run out), and can be made slower than a sender's timeout.
 */
public final class WebhookReceiver implements AutoCloseable {

    /** One request as it arrived: its headers, its raw body, and the status it was answered with. */
    public record Request(Headers headers, byte[] body, int status) {

        public String header(String name) {
            return headers.getFirst(name);
        }

        public String text() {
            return new String(body, StandardCharsets.UTF_8);
        }

        public boolean delivered() {
            return status >= 200 && status < 300;
        }
    }

    private final HttpServer server;
    private final ExecutorService executor = Executors.newCachedThreadPool();
    private final Queue<Integer> answers = new ConcurrentLinkedQueue<>();
    private final List<Request> requests = new CopyOnWriteArrayList<>();
    private volatile Duration delay = Duration.ZERO;

    private WebhookReceiver() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/hooks/flights", this::handle);
        server.setExecutor(executor);
        server.start();
    }

    public static WebhookReceiver start() throws IOException {
        return new WebhookReceiver();
    }

    public WebhookReceiver answering(int... statuses) {
        for (int status : statuses) {
            answers.add(status);
        }
        return this;
    }

    public WebhookReceiver answeringAfter(Duration wait) {
        delay = wait;
        return this;
    }

    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/hooks/flights?token=abc";
    }

    public List<Request> requests() {
        return List.copyOf(requests);
    }

    public long delivered() {
        return requests.stream().filter(Request::delivered).count();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange; InputStream in = exchange.getRequestBody()) {
            byte[] body = in.readAllBytes();
            if (!delay.isZero()) {
                try {
                    Thread.sleep(delay.toMillis());
                } catch (InterruptedException closing) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
            Integer next = answers.poll();
            int status = next == null ? 200 : next;
            requests.add(new Request(exchange.getRequestHeaders(), body, status));
            exchange.sendResponseHeaders(status, -1);
        }
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
