package dev.flights.bench;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The local host in a JVM of its own (the load comes from the bench's JVM, a separate process), on a free port,
 * with Azure's change-feed delays unless {@code args} cap them, and in memory unless {@code args} name a
 * {@code --data-dir}. Its JVM runs with the default (C2) compiler and
 * collector: the settings of {@code .mvn/jvm.config} favour start-up and are Maven's, not the host's.
 */
public final class LocalHostProcess implements AutoCloseable {

    private static final Pattern READY = Pattern.compile("Ready: open (http://\\S+?)/ ");

    private final ChildJvm jvm;
    private final URI baseUri;

    private LocalHostProcess(ChildJvm jvm, URI baseUri) {
        this.jvm = jvm;
        this.baseUri = baseUri;
    }

    public static LocalHostProcess start(Path log, List<String> jvmArgs, List<String> args, Map<String, String> env)
            throws IOException, InterruptedException {
        return start(System.getProperty("java.class.path"), log, jvmArgs, args, env);
    }

    /** The same on another class path (e.g. with a directory ahead of it whose host.json shadows the build's). */
    public static LocalHostProcess start(String classPath, Path log, List<String> jvmArgs, List<String> args,
            Map<String, String> env) throws IOException, InterruptedException {
        List<String> hostArgs = new ArrayList<>(List.of("--port", "0"));
        if (!args.contains("--data-dir")) {
            // every run starts empty: a data directory left by an earlier run would be carried on
            hostArgs.add("--in-memory");
        }
        hostArgs.addAll(args);
        ChildJvm jvm = ChildJvm.start(classPath, "dev.flights.localhost.LocalHost", jvmArgs, hostArgs, env, log);
        try {
            String uri = jvm.awaitLine(READY, Duration.ofMinutes(2)).group(1);
            return new LocalHostProcess(jvm, URI.create(uri));
        } catch (RuntimeException | IOException | InterruptedException e) {
            jvm.close();
            throw e;
        }
    }

    public URI baseUri() {
        return baseUri;
    }

    public ChildJvm jvm() {
        return jvm;
    }

    @Override
    public void close() throws InterruptedException {
        jvm.close();
    }
}
