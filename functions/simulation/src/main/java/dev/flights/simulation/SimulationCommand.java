package dev.flights.simulation;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The simulation from the command line (and the CI test's batch): many seeds with their figures, or one seed replayed
 * with its whole trace. A failing seed is printed with the one command that replays it.
 */
public final class SimulationCommand {

    private static final Logger log = LoggerFactory.getLogger("simulation");
    /** A run's trace, line by line: to the log file, and to the console when a seed is replayed on purpose. */
    private static final Logger trace = LoggerFactory.getLogger("simulation.trace");

    /** What a batch of seeds came to. */
    public record Batch(int seeds, int reservations, List<Simulation.Result> failures, Map<Faults.Kind, Long> faults,
            Map<String, Long> outcomes, long millis, long slowestMillis, long steps, long cpuMillis,
            long invocations, long turns) {
    }

    private SimulationCommand() {
    }

    /** CPU time of the whole JVM: a figure the other processes on the machine do not change much. */
    private static long cpuNanos() {
        java.lang.management.OperatingSystemMXBean os = java.lang.management.ManagementFactory
                .getOperatingSystemMXBean();
        return os instanceof com.sun.management.OperatingSystemMXBean sun ? sun.getProcessCpuTime() : 0;
    }

    /** The command that replays one seed, as a failure prints it. */
    public static String replayCommand(long seed, int reservations, Mutation mutation) {
        return "mvn -o -q -pl functions/simulation -am test -Dtest=SagaSimulationTest#replay"
                + " -Dsurefire.failIfNoSpecifiedTests=false -Dsim.seed=" + seed + " -Dsim.reservations=" + reservations
                + (mutation == Mutation.NONE ? "" : " -Dsim.mutation=" + mutation);
    }

    static int run(String[] args) {
        Long seed = null;
        int seeds = 200;
        long from = 1;
        int reservations = 50;
        Mutation mutation = Mutation.NONE;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--seed" -> seed = Long.parseLong(args[++i]);
                case "--seeds" -> seeds = Integer.parseInt(args[++i]);
                case "--from" -> from = Long.parseLong(args[++i]);
                case "--reservations" -> reservations = Integer.parseInt(args[++i]);
                case "--mutation" -> mutation = Mutation.valueOf(args[++i]);
                default -> throw new IllegalArgumentException("unknown argument " + args[i]
                        + " (--seed N | --seeds N [--from S]) [--reservations M] [--mutation NAME]");
            }
        }
        if (seed != null) {
            return replay(seed, reservations, mutation, true).passed() ? 0 : 1;
        }
        return batch(from, seeds, reservations, mutation, true).failures().isEmpty() ? 0 : 1;
    }

    /** Runs one seed keeping its whole trace, and logs it with the result (the trace on the console if asked). */
    public static Simulation.Result replay(long seed, int reservations, Mutation mutation, boolean traceOnConsole) {
        Simulation.Result result = Simulation.run(seed, new Simulation.Options(reservations, mutation, true));
        result.trace().forEach(line -> (traceOnConsole ? log : trace).info("{}", line));
        log.info("seed {}: trace {} ({} steps, {} virtual), faults {}, outcomes {}, {} ms", seed, result.traceHash(),
                result.steps(), result.virtualTime(), result.faults(), result.outcomes(), result.millis());
        result.violations().forEach(v -> log.error("VIOLATION seed {}: {}", seed, v));
        return result;
    }

    /** Runs seeds {@code from..from+count-1}; logs each failure with its replay command, and the totals. */
    public static Batch batch(long from, int count, int reservations, Mutation mutation, boolean logEach) {
        long began = System.nanoTime();
        List<Simulation.Result> failures = new ArrayList<>();
        Map<Faults.Kind, Long> faults = new EnumMap<>(Faults.Kind.class);
        Map<String, Long> outcomes = new TreeMap<>();
        long slowest = 0;
        long steps = 0;
        long invocations = 0;
        long turns = 0;
        long cpuBefore = cpuNanos();
        for (long seed = from; seed < from + count; seed++) {
            Simulation.Result result = Simulation.run(seed, new Simulation.Options(reservations, mutation, false));
            result.faults().forEach((kind, n) -> faults.merge(kind, (long) n, Long::sum));
            result.outcomes().forEach((status, n) -> outcomes.merge(status, (long) n, Long::sum));
            slowest = Math.max(slowest, result.millis());
            steps += result.steps();
            invocations += result.invocations();
            turns += result.turns();
            if (!result.passed()) {
                failures.add(result);
                if (logEach) {
                    log.error("seed {} FAILED ({} violations), trace {}: {}\n  replay: {}", seed,
                            result.violations().size(), result.traceHash(), result.violations().subList(0,
                                    Math.min(5, result.violations().size())),
                            replayCommand(seed, reservations, mutation));
                }
            }
        }
        long millis = (System.nanoTime() - began) / 1_000_000;
        long cpuMillis = (cpuNanos() - cpuBefore) / 1_000_000;
        Batch batch = new Batch(count, reservations, failures, faults, outcomes, millis, slowest, steps, cpuMillis,
                invocations, turns);
        if (logEach) {
            log.info("{} seeds ({}..{}) x {} reservations{}: {} failed; faults injected {}; reservations ended {};"
                    + " {} invocations, {} turns, {} trace steps; {} ms in all ({} ms per seed, slowest {} ms),"
                    + " {} ms of CPU ({} per seed)", count, from, from + count - 1, reservations,
                    mutation == Mutation.NONE ? "" : " with mutation " + mutation, failures.size(), faults, outcomes,
                    invocations, turns, steps, millis, millis / Math.max(1, count), slowest, cpuMillis,
                    cpuMillis / Math.max(1, count));
        }
        return batch;
    }
}
