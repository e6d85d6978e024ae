package dev.flights.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A JVM of its own for what the bench measures (a local host, an app's cold start), started with this JVM's java
 * and, unless told otherwise, its class path; its output goes to a log file that {@link #awaitLine} reads.
 */
public final class ChildJvm implements AutoCloseable {

    private final Process process;
    private final Path log;

    private ChildJvm(Process process, Path log) {
        this.process = process;
        this.log = log;
    }

    public static String javaExecutable() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    /** Starts {@code mainClass} on this JVM's class path. */
    public static ChildJvm start(String mainClass, List<String> jvmArgs, List<String> args, Map<String, String> env,
            Path log) throws IOException {
        return start(System.getProperty("java.class.path"), mainClass, jvmArgs, args, env, log);
    }

    public static ChildJvm start(String classPath, String mainClass, List<String> jvmArgs, List<String> args,
            Map<String, String> env, Path log) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(javaExecutable());
        command.addAll(jvmArgs);
        command.add("-cp");
        command.add(classPath);
        command.add(mainClass);
        command.addAll(args);
        Files.createDirectories(log.getParent());
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(log.toFile());
        builder.environment().putAll(env);
        return new ChildJvm(builder.start(), log);
    }

    /**
     * Waits until a line of the log matches {@code pattern} and returns the match; fails with the log's tail when
     * the process ends first or the time runs out.
     */
    public Matcher awaitLine(Pattern pattern, Duration timeout) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            Optional<Matcher> found = find(pattern);
            if (found.isPresent()) {
                return found.get();
            }
            if (!process.isAlive()) {
                throw new IllegalStateException("the process ended (exit " + process.exitValue() + ") before printing "
                        + pattern + "; its log " + log + " ends:\n" + tail());
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("no line matching " + pattern + " within " + timeout + "; its log "
                        + log + " ends:\n" + tail());
            }
            Thread.sleep(5);
        }
    }

    private Optional<Matcher> find(Pattern pattern) throws IOException {
        for (String line : Files.readAllLines(log, StandardCharsets.UTF_8)) {
            Matcher matcher = pattern.matcher(line);
            if (matcher.find()) {
                return Optional.of(matcher);
            }
        }
        return Optional.empty();
    }

    public String tail() throws IOException {
        List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
    }

    public Process process() {
        return process;
    }

    public Path log() {
        return log;
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(10, java.util.concurrent.TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
        }
    }
}
