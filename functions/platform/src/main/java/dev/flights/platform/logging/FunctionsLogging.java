package dev.flights.platform.logging;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.Appender;
import ch.qos.logback.core.ConsoleAppender;
import java.util.Iterator;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationEnvironmentPreparedEvent;
import org.springframework.boot.context.logging.LoggingApplicationListener;
import org.springframework.context.ApplicationEvent;
import org.springframework.context.event.GenericApplicationListener;
import org.springframework.core.ResolvableType;
import org.springframework.util.ClassUtils;

/**
 * Adds the {@link InvocationLogAppender} to Logback's root logger each time Spring Boot has configured Logback
 * (Boot resets Logback when an app starts after another app's context closed; the local host starts five). Under
 * the Java worker the console appenders also get the {@link OutsideInvocationFilter}. Boot's own configuration
 * stays as it is (its defaults, or a logback-test.xml / logback.xml): nothing is parsed here.
 */
public final class FunctionsLogging implements GenericApplicationListener {

    /** The worker's log manager: loaded by the worker's class loader, parent of the app's, so visible here. */
    static final String WORKER_CLASS = "com.microsoft.azure.functions.worker.WorkerLogManager";

    @Override
    public boolean supportsEventType(ResolvableType eventType) {
        return ApplicationEnvironmentPreparedEvent.class.isAssignableFrom(eventType.toClass());
    }

    @Override
    public void onApplicationEvent(ApplicationEvent event) {
        if (LoggerFactory.getILoggerFactory() instanceof LoggerContext context) {
            install(context, ClassUtils.isPresent(WORKER_CLASS, FunctionsLogging.class.getClassLoader()));
        }
    }

    /** Right after Boot's logging listener, which (re)configures Logback on this same event. */
    @Override
    public int getOrder() {
        return LoggingApplicationListener.DEFAULT_ORDER + 1;
    }

    /** Idempotent: a context already set up (by an earlier app in the same JVM) is left as it is. */
    public static void install(LoggerContext context, boolean underWorker) {
        Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
        if (root.getAppender(InvocationLogAppender.NAME) != null) {
            return;
        }
        if (underWorker) {
            for (Iterator<Appender<ILoggingEvent>> it = root.iteratorForAppenders(); it.hasNext(); ) {
                if (it.next() instanceof ConsoleAppender<ILoggingEvent> console) {
                    OutsideInvocationFilter filter = new OutsideInvocationFilter();
                    filter.start();
                    console.addFilter(filter);
                }
            }
        }
        InvocationLogAppender appender = new InvocationLogAppender();
        appender.setContext(context);
        appender.start();
        root.addAppender(appender);
    }
}
