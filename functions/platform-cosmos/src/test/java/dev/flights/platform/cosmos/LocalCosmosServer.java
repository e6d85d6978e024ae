package dev.flights.platform.cosmos;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Installs (npm ci, once) and starts src/test/cosmos-server/launcher.js as a child process on a free port, and stops
 * it again. Node and npm must be on the PATH: without them the integration tests fail, saying so. Other modules' tests
 * use it through this module's test-jar, pointing the system property {@code cosmos.server.dir} at that folder.
 */
public final class LocalCosmosServer implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(LocalCosmosServer.class);

    /** Any well-formed key: the local server does not check the signature. */
    public static final String DUMMY_KEY = Base64.getEncoder()
            .encodeToString("local-cosmos-server-ignores-the-key-0000000000000000".getBytes(StandardCharsets.US_ASCII));

    private static final Path DIRECTORY = System.getProperty("cosmos.server.dir") != null
            ? Path.of(System.getProperty("cosmos.server.dir"))
            : Path.of(System.getProperty("basedir", "."), "src", "test", "cosmos-server");
    private static final String READY = "cosmos-server listening on ";

    private final Process process;
    private final int port;

    private LocalCosmosServer(Process process, int port) {
        this.process = process;
        this.port = port;
    }

    public static LocalCosmosServer start() throws IOException, InterruptedException, TimeoutException {
        requireNode();
        if (!Files.isDirectory(DIRECTORY.resolve("node_modules"))) {
            log.info("installing the local Cosmos DB server (npm ci) in {}", DIRECTORY);
            run(List.of("npm", "ci", "--no-audit", "--no-fund"), 300);
        }
        Process process = new ProcessBuilder("node", "launcher.js", "0").directory(DIRECTORY.toFile())
                .redirectErrorStream(true).start();
        CompletableFuture<Integer> port = new CompletableFuture<>();
        Thread reader = new Thread(() -> forward(process, port), "cosmos-server-output");
        reader.setDaemon(true);
        reader.start();
        try {
            int p = port.get(60, TimeUnit.SECONDS);
            log.info("local Cosmos DB server listening on https://localhost:{}", p);
            return new LocalCosmosServer(process, p);
        } catch (java.util.concurrent.ExecutionException | TimeoutException e) {
            process.destroyForcibly();
            throw new IllegalStateException("the local Cosmos DB server (node launcher.js in " + DIRECTORY
                    + ") did not start: see its output above", e);
        }
    }

    private static void forward(Process process, CompletableFuture<Integer> port) {
        try (BufferedReader out = new BufferedReader(
                new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = out.readLine()) != null) {
                if (!port.isDone() && line.startsWith(READY)) {
                    port.complete(Integer.parseInt(line.substring(READY.length()).trim()));
                }
                log.info("[cosmos-server] {}", line);
            }
        } catch (IOException | RuntimeException e) {
            port.completeExceptionally(e);
        }
        port.completeExceptionally(new IllegalStateException("the server exited before it was ready"));
    }

    private static void requireNode() throws InterruptedException {
        try {
            run(List.of("node", "--version"), 30);
        } catch (IOException e) {
            throw new IllegalStateException("the Cosmos DB integration tests need Node.js (20) and npm on the PATH to run "
                    + "the local Cosmos DB server in " + DIRECTORY + "; install them: " + e.getMessage(), e);
        }
    }

    private static void run(List<String> command, int timeoutSeconds) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).directory(DIRECTORY.toFile()).redirectErrorStream(true).start();
        CompletableFuture<Void> output = CompletableFuture.runAsync(() -> {
            try (BufferedReader out = new BufferedReader(
                    new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                out.lines().forEach(line -> log.info("[{}] {}", command.get(0), line));
            } catch (IOException e) {
                log.warn("lost the output of {}", command, e);
            }
        });
        if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IllegalStateException(String.join(" ", command) + " did not finish in " + timeoutSeconds + " s");
        }
        output.join();
        if (process.exitValue() != 0) {
            throw new IllegalStateException(String.join(" ", command) + " failed with exit code " + process.exitValue());
        }
    }

    public String endpoint() {
        return "https://localhost:" + port + "/";
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }
}
