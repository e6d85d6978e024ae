package dev.flights.bench;

import java.io.PrintStream;
import java.nio.file.Path;

/**
 * What a part runs with: whether this is a smoke run (small, for CI: it checks that the part works, not how fast),
 * a work directory for its child processes' logs and files, and where to report progress while it runs.
 */
public record BenchContext(boolean smoke, Path workDir, PrintStream progress) {

    /** A progress line, so that a long part shows it is moving. */
    public void progress(String format, Object... args) {
        progress.printf("  " + format + "%n", args);
        progress.flush();
    }

    /** A directory of this part's own under the work directory. */
    public Path dir(String name) {
        Path dir = workDir.resolve(name);
        dir.toFile().mkdirs();
        return dir;
    }
}
