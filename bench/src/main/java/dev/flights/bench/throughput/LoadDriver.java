package dev.flights.bench.throughput;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;

/**
 * The load: a fixed number of requests in flight at all times (a closed loop), each loop on its own keep-alive
 * HTTP/1.1 connection over a plain socket (Nagle off). Plain sockets, not the JDK's HttpClient: on two shared cores
 * the driver's own CPU is taken from the host it measures, and the client cost about twice as much CPU per request
 * as the raw server it drove. Every request's latency is kept, from just before it is written to its whole response
 * read.
 */
public final class LoadDriver implements AutoCloseable {

    /** A request: method, path with query, headers (Host and Content-Length are added), body or null. */
    public record Request(String method, String path, Map<String, String> headers, String body) {

        public static Request get(String path, Map<String, String> headers) {
            return new Request("GET", path, headers, null);
        }

        public static Request post(String path, Map<String, String> headers, String body) {
            return new Request("POST", path, headers, body);
        }
    }

    /** One request's answer. */
    public record Answer(int index, int status, String body, long nanos) {
    }

    /** A batch's answers in request order, and its wall-clock span from the first send to the last answer. */
    public record Result(List<Answer> answers, Instant started, long elapsedNanos) {

        public double perSecond() {
            return answers.size() / (elapsedNanos / 1e9);
        }

        /** The latency at quantile q (0..1) in milliseconds, nearest rank. */
        public double latencyMillis(double q) {
            long[] sorted = answers.stream().mapToLong(Answer::nanos).sorted().toArray();
            return percentile(sorted, q) / 1e6;
        }
    }

    /** A connection idle longer than this is opened anew before use (the server may have closed it). */
    private static final long STALE_NANOS = TimeUnit.SECONDS.toNanos(5);

    private final URI base;
    private final int inFlight;
    private final ExecutorService workers;
    private final Connection[] connections;

    public LoadDriver(URI base, int inFlight) {
        this.base = base;
        this.inFlight = inFlight;
        this.connections = new Connection[inFlight];
        this.workers = Executors.newFixedThreadPool(inFlight, r -> {
            Thread thread = new Thread(r, "load");
            thread.setDaemon(true);
            return thread;
        });
    }

    /** Sends {@code count} requests, {@code inFlight} at a time, and fails on a request that got no answer. */
    public Result run(int count, IntFunction<Request> request) throws Exception {
        Answer[] answers = new Answer[count];
        AtomicInteger next = new AtomicInteger();
        List<Future<?>> loops = new ArrayList<>();
        Instant started = Instant.now();
        long start = System.nanoTime();
        for (int w = 0; w < Math.min(inFlight, count); w++) {
            int loop = w;
            loops.add(workers.submit(() -> {
                for (int i = next.getAndIncrement(); i < count; i = next.getAndIncrement()) {
                    answers[i] = send(loop, i, request.apply(i));
                }
                return null;
            }));
        }
        for (Future<?> loop : loops) {
            loop.get();
        }
        long elapsed = System.nanoTime() - start;
        return new Result(Arrays.asList(answers), started, elapsed);
    }

    private Answer send(int loop, int index, Request request) throws IOException {
        byte[] bytes = encode(request);
        Connection connection = connections[loop];
        if (connection == null || System.nanoTime() - connection.lastUsed > STALE_NANOS) {
            closeQuietly(connection);
            connection = connections[loop] = new Connection(base);
        }
        long sent = System.nanoTime();
        Exchanged answer;
        try {
            answer = connection.exchange(index, bytes, sent);
        } catch (EOFException closedBeforeAnswering) {
            // the server closed the kept-alive connection before reading this request: send it once more, anew
            // (the bench's POSTs carry an Idempotency-Key or change nothing twice)
            closeQuietly(connection);
            connection = connections[loop] = new Connection(base);
            sent = System.nanoTime();
            answer = connection.exchange(index, bytes, sent);
        }
        if (answer.keepAlive) {
            connection.lastUsed = System.nanoTime();
        } else {
            closeQuietly(connection);
            connections[loop] = null;
        }
        return answer.answer;
    }

    private byte[] encode(Request request) {
        byte[] body = request.body() == null ? new byte[0] : request.body().getBytes(StandardCharsets.UTF_8);
        StringBuilder head = new StringBuilder(256).append(request.method()).append(' ').append(request.path())
                .append(" HTTP/1.1\r\nHost: ").append(base.getHost()).append(':').append(base.getPort()).append("\r\n");
        request.headers().forEach((name, value) -> head.append(name).append(": ").append(value).append("\r\n"));
        if (request.body() != null) {
            head.append("Content-Length: ").append(body.length).append("\r\n");
        }
        head.append("\r\n");
        byte[] headBytes = head.toString().getBytes(StandardCharsets.US_ASCII);
        byte[] all = Arrays.copyOf(headBytes, headBytes.length + body.length);
        System.arraycopy(body, 0, all, headBytes.length, body.length);
        return all;
    }

    private record Exchanged(Answer answer, boolean keepAlive) {
    }

    /** One keep-alive connection: writes a request, reads its response (Content-Length or chunked). */
    private static final class Connection {
        private final Socket socket;
        private final InputStream in;
        private final OutputStream out;
        long lastUsed = System.nanoTime();

        Connection(URI base) throws IOException {
            socket = new Socket();
            socket.setTcpNoDelay(true);
            socket.connect(new InetSocketAddress(base.getHost(), base.getPort()), 10_000);
            socket.setSoTimeout(60_000);
            in = new BufferedInputStream(socket.getInputStream(), 16 * 1024);
            out = new BufferedOutputStream(socket.getOutputStream(), 16 * 1024);
        }

        Exchanged exchange(int index, byte[] request, long sent) throws IOException {
            out.write(request);
            out.flush();
            String statusLine = line(true);
            String[] parts = statusLine.split(" ", 3);
            if (parts.length < 2 || !parts[0].startsWith("HTTP/1.")) {
                throw new IOException("not an HTTP/1.1 answer: " + statusLine);
            }
            int status = Integer.parseInt(parts[1]);
            Map<String, String> headers = new LinkedHashMap<>();
            for (String header = line(false); !header.isEmpty(); header = line(false)) {
                int colon = header.indexOf(':');
                headers.put(header.substring(0, colon).trim().toLowerCase(Locale.ROOT), header.substring(colon + 1).trim());
            }
            byte[] body;
            if ("chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) {
                ByteArrayOutputStream chunks = new ByteArrayOutputStream();
                for (int size = Integer.parseInt(line(false).split(";")[0].trim(), 16); size > 0;
                        size = Integer.parseInt(line(false).split(";")[0].trim(), 16)) {
                    chunks.write(in.readNBytes(size));
                    line(false);
                }
                line(false);
                body = chunks.toByteArray();
            } else {
                int length = Integer.parseInt(headers.getOrDefault("content-length", "0"));
                body = in.readNBytes(length);
                if (body.length < length) {
                    throw new IOException("the answer ended after " + body.length + " of " + length + " bytes");
                }
            }
            long nanos = System.nanoTime() - sent;
            boolean keepAlive = !"close".equalsIgnoreCase(headers.get("connection"));
            return new Exchanged(new Answer(index, status, new String(body, StandardCharsets.UTF_8), nanos), keepAlive);
        }

        /** A CRLF-ended line; at the start of an answer, the end of the stream is an {@link EOFException}. */
        private String line(boolean first) throws IOException {
            StringBuilder line = new StringBuilder(64);
            while (true) {
                int b = in.read();
                if (b < 0) {
                    if (first && line.length() == 0) {
                        throw new EOFException("the server closed the connection");
                    }
                    throw new IOException("the answer ended in the middle of a line");
                }
                if (b == '\n') {
                    int length = line.length();
                    return length > 0 && line.charAt(length - 1) == '\r' ? line.substring(0, length - 1) : line.toString();
                }
                line.append((char) b);
            }
        }

        void close() throws IOException {
            socket.close();
        }
    }

    private static void closeQuietly(Connection connection) {
        if (connection != null) {
            try {
                connection.close();
            } catch (IOException ignored) {
                // closing a connection the server may have closed already
            }
        }
    }

    /** Nearest-rank percentile of sorted values. */
    public static long percentile(long[] sorted, double q) {
        if (sorted.length == 0) {
            throw new IllegalArgumentException("no values");
        }
        int rank = (int) Math.ceil(q * sorted.length);
        return sorted[Math.min(sorted.length - 1, Math.max(0, rank - 1))];
    }

    @Override
    public void close() {
        workers.shutdownNow();
        for (Connection connection : connections) {
            closeQuietly(connection);
        }
    }
}
