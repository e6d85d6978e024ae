package dev.flights.localhost.triggers;

import com.microsoft.azure.functions.annotation.ExponentialBackoffRetry;
import com.microsoft.azure.functions.annotation.FixedDelayRetry;
import java.lang.reflect.Method;
import java.math.BigDecimal;
import java.time.Duration;

/**
 * A function's retry policy ({@code @FixedDelayRetry} or {@code @ExponentialBackoffRetry}), as the Functions host
 * applies it to a Cosmos DB trigger: a failed execution runs again with the same documents after the policy's
 * interval, and the lease is not checkpointed until the policy is done. {@code maxRetryCount} counts retries after
 * the first attempt; -1 retries for ever. Exponential intervals double from the minimum up to the maximum (the host
 * adds a little jitter; this does not). Without a policy a failed batch is not retried.
 */
public record RetryPolicy(int maxRetryCount, Duration firstInterval, Duration maxInterval, boolean exponential) {

    public static final RetryPolicy NONE = new RetryPolicy(0, Duration.ZERO, Duration.ZERO, false);

    public static RetryPolicy of(Method function) {
        FixedDelayRetry fixed = function.getAnnotation(FixedDelayRetry.class);
        ExponentialBackoffRetry exponential = function.getAnnotation(ExponentialBackoffRetry.class);
        if (fixed != null && exponential != null) {
            throw new IllegalStateException(function.getName() + " has two retry policies; the host takes one");
        }
        if (fixed != null) {
            Duration interval = timeSpan(fixed.delayInterval());
            return new RetryPolicy(fixed.maxRetryCount(), interval, interval, false);
        }
        if (exponential != null) {
            return new RetryPolicy(exponential.maxRetryCount(), timeSpan(exponential.minimumInterval()),
                    timeSpan(exponential.maximumInterval()), true);
        }
        return NONE;
    }

    /** True when a batch that has already been retried {@code retriesSoFar} times may run again. */
    public boolean allowsRetry(int retriesSoFar) {
        return maxRetryCount == -1 || retriesSoFar < maxRetryCount;
    }

    /** The wait before retry number {@code retry} (1 for the first retry). */
    public Duration intervalBefore(int retry) {
        if (!exponential) {
            return firstInterval;
        }
        Duration wait = firstInterval;
        for (int i = 1; i < retry && wait.compareTo(maxInterval) < 0; i++) {
            wait = wait.multipliedBy(2);
        }
        return wait.compareTo(maxInterval) > 0 ? maxInterval : wait;
    }

    /** A .NET TimeSpan as the annotations spell it: {@code [d.]hh:mm:ss[.fffffff]}. */
    static Duration timeSpan(String text) {
        String[] parts = text.trim().split(":");
        if (parts.length != 3) {
            throw new IllegalArgumentException("not a TimeSpan (hh:mm:ss): " + text);
        }
        try {
            String hours = parts[0];
            long days = 0;
            int dot = hours.indexOf('.');
            if (dot >= 0) {
                days = Long.parseLong(hours.substring(0, dot));
                hours = hours.substring(dot + 1);
            }
            long nanos = new BigDecimal(parts[2]).movePointRight(9).longValueExact();
            return Duration.ofDays(days).plusHours(Long.parseLong(hours)).plusMinutes(Long.parseLong(parts[1]))
                    .plusNanos(nanos);
        } catch (NumberFormatException | ArithmeticException e) {
            throw new IllegalArgumentException("not a TimeSpan (hh:mm:ss): " + text, e);
        }
    }
}
