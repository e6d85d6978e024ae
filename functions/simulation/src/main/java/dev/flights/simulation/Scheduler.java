package dev.flights.simulation;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.NavigableSet;
import java.util.Random;
import java.util.TreeSet;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * One scheduler on a virtual clock drives everything, with one random generator: which timer fires (a delivery, a
 * scheduled message, a change-feed poll, a client's request, a fault) and which running invocation goes on next.
 *
 * <p>Invocations run on worker threads, but only one thread runs at a time: an invocation runs until it reaches a
 * yield point (every store call and every send to the topic), where it hands control back and waits until the
 * scheduler picks it again. So invocations interleave between any two store calls, as concurrent instances do on
 * Azure, yet every interleaving is chosen by the seed, and the same seed gives the same run. Each call takes a few
 * milliseconds of virtual time, so invocations that overlap in time interleave, as they would on Azure.
 */
final class Scheduler {

    /** The body of an invocation. */
    interface Body {
        Object run() throws Exception;
    }

    /** What the host does when an invocation ends (settle a message, move a lease, answer a client). */
    interface Completion {
        void done(Object result, Throwable failure);
    }

    private record Timer(Instant at, long sequence, String label, Runnable action) {
    }

    /** One invocation: its own thread, run in turns. */
    final class Task {
        final long id;
        final String app;
        final String label;
        private final Body body;
        private final Completion completion;
        private final Semaphore go = new Semaphore(0);
        private boolean started;
        private volatile boolean done;
        private volatile boolean killed;
        private Object result;
        private Throwable failure;
        private Thread thread;

        private Task(long id, String app, String label, Body body, Completion completion) {
            this.id = id;
            this.app = app;
            this.label = label;
            this.body = body;
            this.completion = completion;
        }

        private void main() {
            go.acquireUninterruptibly();
            thread = Thread.currentThread();
            CURRENT.set(this);
            try {
                if (killed) {
                    throw new SimulatedCrash("before it started (" + app + " restarted)");
                }
                result = body.run();
            } catch (Throwable e) {
                failure = e;
            } finally {
                CURRENT.remove();
                done = true;
                back.release();
            }
        }

        private Instant answeredAt;

        /**
         * At a yield point, on the invocation's thread: its call is answered a few virtual milliseconds later. When
         * nothing else could happen before then (no other invocation ready, no timer due), it goes on at once at
         * that time; otherwise it hands the turn back and waits to be picked after the answer.
         */
        private void pause() {
            pauseUntil(now().plusMillis(1 + random.nextInt(CALL_MILLIS)));
        }

        private void sleep(Duration duration) {
            pauseUntil(now().plus(duration));
        }

        /** Goes on at {@code answer} in virtual time, letting whatever is due before then run meanwhile. */
        private void pauseUntil(Instant answer) {
            if (runnable.size() == 1 && (timers.isEmpty() || timers.first().at().isAfter(answer))) {
                clock.set(answer);
                inline++;
                trace.mix("on #" + id);
            } else {
                answeredAt = answer;
                back.release();
                go.acquireUninterruptibly();
            }
            if (killed) {
                throw new SimulatedCrash("in " + label + " (" + app + " restarted)");
            }
        }

        /** The app's process dies: the invocation ends at its next yield point. */
        void kill() {
            killed = true;
        }
    }

    private static final ThreadLocal<Task> CURRENT = new ThreadLocal<>();
    /** Workers are reused across seeds: a thread per invocation in progress, parked while it waits its turn. */
    private static final ExecutorService WORKERS = Executors.newCachedThreadPool(r -> {
        Thread thread = new Thread(r, "sim-invocation");
        thread.setDaemon(true);
        return thread;
    });
    /** A turn that takes this long means an invocation blocks on something other than the scheduler. */
    private static final long TURN_TIMEOUT_SECONDS = 60;
    /** A store call or a send takes 1 to this many milliseconds of virtual time. */
    private static final int CALL_MILLIS = 20;

    final Random random;
    final VirtualClock clock;
    final Trace trace;
    private final Semaphore back = new Semaphore(0);
    private final NavigableSet<Timer> timers = new TreeSet<>(
            Comparator.comparing(Timer::at).thenComparingLong(Timer::sequence));
    /** Invocations ready for their next turn. */
    private final List<Task> runnable = new ArrayList<>();
    /** Invocations started and not ended: ready, or waiting for the store or the topic to answer. */
    private final List<Task> live = new ArrayList<>();
    private long sequence;
    private long taskIds;
    private long handoffs;
    private long inline;

    Scheduler(long seed, VirtualClock clock, Trace trace) {
        this.random = new Random(seed);
        this.clock = clock;
        this.trace = trace;
    }

    Instant now() {
        return clock.instant();
    }

    void at(Instant when, String label, Runnable action) {
        timers.add(new Timer(when.isBefore(now()) ? now() : when, sequence++, label, action));
    }

    void after(Duration delay, String label, Runnable action) {
        at(now().plus(delay), label, action);
    }

    /** Starts an invocation; it runs in turns, and {@code completion} runs on the scheduler when it ends. */
    Task spawn(String app, String label, Body body, Completion completion) {
        Task task = new Task(++taskIds, app, label, body, completion);
        runnable.add(task);
        live.add(task);
        trace.record(stamp() + " start #" + task.id + " " + label);
        return task;
    }

    /** Invocations started and not yet ended. */
    List<Task> running() {
        return List.copyOf(live);
    }

    /** How many turns went to an invocation's thread, and how many calls went on without one. */
    long[] switches() {
        return new long[] {handoffs, inline, taskIds};
    }

    /** Called by an invocation at a yield point: it waits for its next turn. No-op outside an invocation. */
    static void yieldPoint() {
        Task task = CURRENT.get();
        if (task == null) {
            return;
        }
        task.pause();
    }

    /**
     * An invocation waits {@code duration} of virtual time (the outbox relay's pauses while it leaves a document to
     * its writer): others run meanwhile. Only an invocation waits; the scheduler's own thread never does.
     */
    static void sleep(Duration duration) {
        Task task = CURRENT.get();
        if (task == null) {
            throw new IllegalStateException("only an invocation waits on the virtual clock");
        }
        task.sleep(duration);
    }

    /** The invocation this thread runs, or null on the scheduler's own thread. */
    static Task current() {
        return CURRENT.get();
    }

    /**
     * Runs steps until {@code stop} holds between two steps or nothing is left to do; returns whether it stopped
     * because {@code stop} held. Virtual time never passes {@code deadline}.
     */
    boolean runUntil(BooleanSupplier stop, Instant deadline) {
        while (true) {
            if (stop.getAsBoolean()) {
                return true;
            }
            int due = dueTimers();
            int choices = runnable.size() + due;
            if (choices == 0) {
                if (timers.isEmpty() || timers.first().at().isAfter(deadline)) {
                    return false;
                }
                clock.set(timers.first().at());
                continue;
            }
            int pick = random.nextInt(choices);
            if (pick < runnable.size()) {
                turn(runnable.get(pick));
            } else {
                fire(pick - runnable.size());
            }
        }
    }

    private int dueTimers() {
        int due = 0;
        Instant now = now();
        for (Timer timer : timers) {
            if (timer.at().isAfter(now)) {
                break;
            }
            due++;
        }
        return due;
    }

    private void fire(int index) {
        Iterator<Timer> it = timers.iterator();
        Timer timer = it.next();
        for (int i = 0; i < index; i++) {
            timer = it.next();
        }
        it.remove();
        if (timer.label() != null) {
            trace.record(stamp() + " " + timer.label());
        }
        timer.action().run();
    }

    private void turn(Task task) {
        trace.mix("turn #" + task.id);
        if (!task.started) {
            task.started = true;
            WORKERS.execute(task::main);
        }
        handoffs++;
        task.go.release();
        try {
            if (!back.tryAcquire(TURN_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                IllegalStateException stuck = new IllegalStateException("invocation " + task.label
                        + " neither yielded nor ended within " + TURN_TIMEOUT_SECONDS + " s of real time");
                if (task.thread != null) {
                    stuck.setStackTrace(task.thread.getStackTrace());
                }
                throw stuck;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while " + task.label + " ran", e);
        }
        runnable.remove(task);
        if (!task.done) {
            // the call it yielded at takes a few milliseconds to answer; others run meanwhile
            at(task.answeredAt, null, () -> runnable.add(task));
            return;
        }
        live.remove(task);
        trace.record(stamp() + " end #" + task.id + (task.failure == null ? " ok"
                : " failed: " + task.failure.getClass().getSimpleName()));
        task.completion.done(task.result, task.failure);
    }

    String stamp() {
        Duration since = Duration.between(Simulation.START, now());
        return String.format("%8.3f", since.toMillis() / 1000.0);
    }
}
