package dev.flights.bench;

import dev.flights.bench.coldstart.ColdStartBench;
import dev.flights.bench.throughput.ThroughputBench;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The bench: runs its parts (all, or {@code --parts a,b}) and prints one table, each figure beside the baseline the
 * same run measured, with the machine and the date. {@code --smoke} runs each part small, as CI does: it shows the
 * part works and says nothing about speed. The table is also written to {@code bench/target/bench-results.md}.
 *
 * <pre>mvn -q -pl bench -am test-compile exec:exec [-Dbench.args="--parts throughput --smoke"]</pre>
 */
public final class Bench {

    private Bench() {
    }

    private static final List<BenchPart> PARTS = List.of(new ColdStartBench(), new SagaLatencyBench(),
            new ThroughputBench(), new CostBench());

    /** Every part, in the order the table shows them. */
    static List<BenchPart> parts() {
        return PARTS;
    }

    public static void main(String[] args) throws Exception {
        Options options = Options.parse(args);
        PrintStream out = System.out;
        List<Figure> figures = run(options, out);
        String report = header(options) + "\n" + Table.markdown(figures);
        out.println();
        out.print(report);
        Path results = options.workDir().resolve("../bench-results.md").normalize();
        Files.writeString(results, report, StandardCharsets.UTF_8);
        out.println("\n(also in " + results + ")");
    }

    static List<Figure> run(Options options, PrintStream progress) throws Exception {
        List<Figure> figures = new ArrayList<>();
        BenchContext context = new BenchContext(options.smoke(), options.workDir(), progress);
        for (BenchPart part : options.selected()) {
            progress.printf("%s%s%n", part.name(), options.smoke() ? " (smoke)" : "");
            long started = System.nanoTime();
            figures.addAll(part.run(context));
            progress.printf("  done in %.1f s%n", (System.nanoTime() - started) / 1e9);
        }
        return figures;
    }

    static String header(Options options) {
        Runtime runtime = Runtime.getRuntime();
        return String.format("Bench of %s (UTC)%s: %d cores, %d GiB, %s %s, Java %s (%s)%n",
                LocalDate.now(ZoneOffset.UTC), options.smoke() ? ", smoke run (figures mean nothing)" : "",
                runtime.availableProcessors(),
                Math.round(ManagementFactory.getPlatformMXBean(com.sun.management.OperatingSystemMXBean.class)
                        .getTotalMemorySize() / (1024.0 * 1024 * 1024)),
                System.getProperty("os.name"), System.getProperty("os.arch"),
                System.getProperty("java.version"), System.getProperty("java.vm.name"));
    }

    /** The command line: which parts, smoke or not, where child processes keep their logs. */
    record Options(List<BenchPart> selected, boolean smoke, Path workDir) {

        static Options parse(String[] args) {
            boolean smoke = false;
            Set<String> names = new LinkedHashSet<>();
            Path workDir = Path.of("target", "bench");
            for (int i = 0; i < args.length; i++) {
                String arg = args[i];
                if (arg.equals("--smoke")) {
                    smoke = true;
                } else if (arg.equals("--parts") && i + 1 < args.length) {
                    names.addAll(Arrays.asList(args[++i].split(",")));
                } else if (arg.startsWith("--parts=")) {
                    names.addAll(Arrays.asList(arg.substring("--parts=".length()).split(",")));
                } else if (arg.equals("--work-dir") && i + 1 < args.length) {
                    workDir = Path.of(args[++i]);
                } else {
                    throw new IllegalArgumentException("unknown option '" + arg + "'; the options are --parts "
                            + known() + ", --smoke and --work-dir DIR");
                }
            }
            List<BenchPart> selected = new ArrayList<>();
            for (String name : names) {
                selected.add(parts().stream().filter(part -> part.name().equals(name.trim())).findFirst()
                        .orElseThrow(() -> new IllegalArgumentException("no part '" + name + "'; the parts are "
                                + known())));
            }
            return new Options(names.isEmpty() ? parts() : selected, smoke, workDir.toAbsolutePath());
        }

        private static String known() {
            return parts().stream().map(BenchPart::name).collect(Collectors.joining(","));
        }
    }
}
