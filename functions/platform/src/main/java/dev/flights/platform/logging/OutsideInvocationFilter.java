package dev.flights.platform.logging;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.filter.Filter;
import ch.qos.logback.core.spi.FilterReply;

/**
 * Keeps the console to the lines logged outside an invocation. Under the Java worker a line logged during an
 * invocation already reaches the host through the invocation's logger; on the worker's stdout too it would be
 * there twice.
 */
public final class OutsideInvocationFilter extends Filter<ILoggingEvent> {

    @Override
    public FilterReply decide(ILoggingEvent event) {
        return CurrentInvocation.get().isPresent() ? FilterReply.DENY : FilterReply.NEUTRAL;
    }
}
