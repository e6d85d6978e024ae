package dev.flights.localhost.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import dev.flights.contract.codec.EventCodec;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.openqa.selenium.JavascriptExecutor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * axe-core, the accessibility rules engine, at the version pinned in src/test/axe/package-lock.json: installed there
 * with {@code npm ci} on first use (node_modules is not committed), injected into the page under test and run.
 * Without npm the test fails, saying so.
 */
final class AxeCore {

    private static final Logger log = LoggerFactory.getLogger(AxeCore.class);
    private static final Path DIRECTORY = Path.of(System.getProperty("basedir", "."), "src", "test", "axe");
    private static final Path SCRIPT = DIRECTORY.resolve(Path.of("node_modules", "axe-core", "axe.min.js"));
    private static final Set<String> BLOCKING = Set.of("serious", "critical");
    private static final String RUN = "const done = arguments[arguments.length - 1];"
            + "axe.run(document, { resultTypes: ['violations'] })"
            + ".then(r => done(JSON.stringify(r.violations)), e => done(JSON.stringify({ error: String(e) })));";

    private static String source;

    private AxeCore() {
    }

    /** The serious and critical violations on the page as it is now, one line each: rule, impact, help, elements. */
    static List<String> seriousViolations(JavascriptExecutor browser) throws IOException, InterruptedException {
        browser.executeScript(script());
        JsonNode result = EventCodec.json().readTree((String) browser.executeAsyncScript(RUN));
        if (result.has("error")) {
            throw new IllegalStateException("axe-core failed on the page: " + result.path("error").asText());
        }
        List<String> violations = new ArrayList<>();
        for (JsonNode violation : result) {
            if (BLOCKING.contains(violation.path("impact").asText())) {
                List<String> targets = new ArrayList<>();
                violation.path("nodes").forEach(node -> targets.add(node.path("target").toString()));
                violations.add(violation.path("id").asText() + " (" + violation.path("impact").asText() + "): "
                        + violation.path("help").asText() + " at " + targets);
            }
        }
        return violations;
    }

    private static synchronized String script() throws IOException, InterruptedException {
        if (source == null) {
            if (!Files.isRegularFile(SCRIPT)) {
                install();
            }
            source = Files.readString(SCRIPT, StandardCharsets.UTF_8);
        }
        return source;
    }

    private static void install() throws IOException, InterruptedException {
        log.info("installing axe-core (npm ci) in {}", DIRECTORY);
        Process npm;
        try {
            npm = new ProcessBuilder("npm", "ci", "--no-audit", "--no-fund").directory(DIRECTORY.toFile())
                    .redirectErrorStream(true).start();
        } catch (IOException e) {
            throw new IllegalStateException("the page's accessibility check needs npm (Node.js 20) on the PATH to install "
                    + "axe-core in " + DIRECTORY + ": " + e.getMessage(), e);
        }
        try (BufferedReader out = new BufferedReader(new InputStreamReader(npm.getInputStream(), StandardCharsets.UTF_8))) {
            out.lines().forEach(line -> log.info("[npm] {}", line));
        }
        if (!npm.waitFor(300, TimeUnit.SECONDS) || npm.exitValue() != 0) {
            npm.destroyForcibly();
            throw new IllegalStateException("npm ci in " + DIRECTORY + " failed: see its output in the test log");
        }
    }
}
