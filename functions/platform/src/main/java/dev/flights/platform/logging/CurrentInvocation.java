package dev.flights.platform.logging;

import com.microsoft.azure.functions.ExecutionContext;
import java.util.Optional;

/**
 * The invocation the current thread is running, bound around each {@code @FunctionName} method. The worker runs
 * invocations on pooled threads, so whoever binds must {@link #clear()} when the invocation ends.
 */
public final class CurrentInvocation {

    private static final ThreadLocal<ExecutionContext> CURRENT = new ThreadLocal<>();

    private CurrentInvocation() {
    }

    public static void bind(ExecutionContext context) {
        CURRENT.set(context);
    }

    public static Optional<ExecutionContext> get() {
        return Optional.ofNullable(CURRENT.get());
    }

    public static void clear() {
        CURRENT.remove();
    }
}
