package dev.flights.platform.testing;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.LifecycleMethodExecutionExceptionHandler;
import org.junit.jupiter.api.extension.TestExecutionExceptionHandler;
import org.slf4j.LoggerFactory;

/**
 * Keeps the log lines written while a test runs and shows them only when it fails: the tests' logs go to files under
 * {@code target/}, so the console stays readable, yet a failure still says what the code logged on its way there.
 * The lines ride on the failure as a suppressed {@link TestLogLines}, which the build's failure report and the IDE
 * print with it. Every module with the platform test-jar picks it up through {@code META-INF/services} (the build
 * turns JUnit's extension autodetection on).
 */
public final class LogOnFailureExtension implements BeforeEachCallback, AfterEachCallback,
        TestExecutionExceptionHandler, LifecycleMethodExecutionExceptionHandler {

    /** The most lines one failure carries: the last ones, nearest the failure. */
    static final int MAX_LINES = 200;

    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(LogOnFailureExtension.class);

    @Override
    public void beforeEach(ExtensionContext context) {
        if (LoggerFactory.getILoggerFactory() instanceof LoggerContext logback) {
            TestLogBuffer buffer = new TestLogBuffer(logback, MAX_LINES);
            buffer.start();
            root(logback).addAppender(buffer);
            context.getStore(NAMESPACE).put(TestLogBuffer.class, buffer);
        }
    }

    @Override
    public void afterEach(ExtensionContext context) {
        TestLogBuffer buffer = context.getStore(NAMESPACE).remove(TestLogBuffer.class, TestLogBuffer.class);
        if (buffer != null) {
            root(buffer.loggerContext()).detachAppender(buffer);
            buffer.stop();
        }
    }

    @Override
    public void handleTestExecutionException(ExtensionContext context, Throwable failure) throws Throwable {
        throw withLogLines(context, failure);
    }

    @Override
    public void handleBeforeEachMethodExecutionException(ExtensionContext context, Throwable failure) throws Throwable {
        throw withLogLines(context, failure);
    }

    @Override
    public void handleAfterEachMethodExecutionException(ExtensionContext context, Throwable failure) throws Throwable {
        throw withLogLines(context, failure);
    }

    private static Throwable withLogLines(ExtensionContext context, Throwable failure) {
        TestLogBuffer buffer = context.getStore(NAMESPACE).get(TestLogBuffer.class, TestLogBuffer.class);
        if (buffer != null && !buffer.lines().isEmpty()) {
            failure.addSuppressed(new TestLogLines(buffer.lines(), buffer.droppedLines()));
        }
        return failure;
    }

    private static Logger root(LoggerContext logback) {
        return logback.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    }
}
