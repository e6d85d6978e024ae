package dev.flights.localhost.infra;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs infra/syntax-check/check.mjs: the tree-sitter Bicep grammar (tree-sitter-bicep 1.1.0's wasm, loaded by
 * web-tree-sitter 0.25), pinned with its lockfile and installed here with {@code npm ci} on first use. Node.js and
 * npm must be on the PATH; without them the check fails and says so.
 */
final class BicepSyntaxCheck {

    /** What check.mjs printed, and its exit code: 0 clean, 1 problems, 2 nothing to check. */
    record Result(int exitCode, String output) {
    }

    static final Path DIRECTORY = InfraFiles.DIRECTORY.resolve("syntax-check");

    private BicepSyntaxCheck() {
    }

    static Result of(Path... roots) throws IOException, InterruptedException {
        if (!Files.isDirectory(DIRECTORY.resolve("node_modules"))) {
            Result install = run(List.of("npm", "ci", "--ignore-scripts", "--no-audit", "--no-fund"), 300);
            if (install.exitCode() != 0) {
                throw new IllegalStateException("npm ci in " + DIRECTORY + " failed:\n" + install.output());
            }
        }
        List<String> command = new ArrayList<>(List.of("node", "check.mjs"));
        for (Path root : roots) {
            command.add(root.toAbsolutePath().toString());
        }
        return run(command, 120);
    }

    private static Result run(List<String> command, int timeoutSeconds) throws IOException, InterruptedException {
        Process process;
        try {
            process = new ProcessBuilder(command).directory(DIRECTORY.toFile()).redirectErrorStream(true).start();
        } catch (IOException e) {
            throw new IllegalStateException("the Bicep syntax check needs Node.js (20) and npm on the PATH: "
                    + e.getMessage(), e);
        }
        byte[] output = process.getInputStream().readAllBytes();
        if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IllegalStateException(String.join(" ", command) + " did not finish in " + timeoutSeconds + " s");
        }
        return new Result(process.exitValue(), new String(output, StandardCharsets.UTF_8));
    }
}
