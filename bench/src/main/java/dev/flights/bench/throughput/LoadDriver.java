package dev.flights.bench.throughput;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;

/**
 * The load: a fixed number of requests in flight at all times (a closed loop), each on a connection of the JDK's
 * HTTP/1.1 client that the client keeps open between requests. Every request's latency is kept, from just before it
 * is sent to its whole response read.
 */
public final class LoadDriver implements AutoCloseable {

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

    private final int inFlight;
    private final ExecutorService workers;
    private final HttpClient client;

    public LoadDriver(int inFlight) {
        this.inFlight = inFlight;
        this.workers = Executors.newFixedThreadPool(inFlight, r -> {
            Thread thread = new Thread(r, "load");
            thread.setDaemon(true);
            return thread;
        });
        this.client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(10)).build();
    }

    /** Sends {@code count} requests, {@code inFlight} at a time, and fails on a request that got no answer. */
    public Result run(int count, IntFunction<HttpRequest> request) throws Exception {
        Answer[] answers = new Answer[count];
        AtomicInteger next = new AtomicInteger();
        List<Future<?>> loops = new ArrayList<>();
        Instant started = Instant.now();
        long start = System.nanoTime();
        for (int w = 0; w < inFlight; w++) {
            loops.add(workers.submit(() -> {
                for (int i = next.getAndIncrement(); i < count; i = next.getAndIncrement()) {
                    answers[i] = send(i, request.apply(i));
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

    private Answer send(int index, HttpRequest request) throws IOException, InterruptedException {
        long sent = System.nanoTime();
        HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
        return new Answer(index, response.statusCode(), response.body(), System.nanoTime() - sent);
    }

    /** Nearest-rank percentile of sorted values. */
    public static long percentile(long[] sorted, double q) {
        if (sorted.length == 0) {
            throw new IllegalArgumentException("no values");
        }
        int rank = (int) Math.ceil(q * sorted.length);
        return sorted[Math.min(sorted.length - 1, Math.max(0, rank - 1))];
    }

    public static URI uri(URI base, String path) {
        return base.resolve(path);
    }

    @Override
    public void close() {
        workers.shutdownNow();
    }
}
