package dev.flights.platform.spring;

import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.aot.AotDetector;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.aot.AotApplicationContextInitializer;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.util.ClassUtils;

/**
 * Starts a function app from what Spring AOT generated at package time ({@code mvn package} runs the
 * {@code process-aot} goal on the app's start class), when the JVM runs with {@code -Dspring.aot.enabled=true}, as
 * infra/ starts the worker: the generated {@code <start class>__ApplicationContextInitializer} registers the app's
 * bean definitions as code, so the start neither scans the class path, nor parses configuration classes, nor
 * evaluates conditions. Without that property it does nothing and the app starts as usual (the local host, the
 * tests, Core Tools without the property).
 *
 * <p>Boot names the generated initializer after the class whose {@code main} started the JVM; the Azure Java worker's
 * main is not the app's, so this initializer (from {@code spring.factories}; Boot then uses it in place of its own
 * lookup) names it after the start class the Spring adapter starts, found as the adapter finds it ({@code MAIN_CLASS},
 * else the jar manifest's {@code Start-Class}).
 *
 * <p>The generated definitions are those of the settings the package was processed with: the Cosmos DB and Service
 * Bus adapters. So before anything else it refuses to start an app that lacks their settings (naming them, as
 * without AOT) or that asks for the in-process store and topic ({@code FLIGHTS_IN_PROCESS=true}), which an
 * AOT-processed start cannot give.
 */
public final class AheadOfTimeContext implements AotApplicationContextInitializer<ConfigurableApplicationContext> {

    private static final Logger log = LoggerFactory.getLogger(AheadOfTimeContext.class);
    static final String ADAPTER_START_CLASS = "org.springframework.cloud.function.utils.FunctionClassUtils";
    static final String GENERATED_SUFFIX = "__ApplicationContextInitializer";

    @Override
    public void initialize(ConfigurableApplicationContext context) {
        if (!AotDetector.useGeneratedArtifacts()) {
            return;
        }
        refuseWithoutAdapters(context.getEnvironment());
        String generated = startClass(context.getClassLoader()).getName() + GENERATED_SUFFIX;
        log.info("starting from the context generated ahead of time: {}", generated);
        AotApplicationContextInitializer.forInitializerClasses(generated).initialize(context);
    }

    /** The settings the processed adapters need; the in-process switch is refused, as the adapters are fixed. */
    static void refuseWithoutAdapters(ConfigurableEnvironment environment) {
        if (RequiredSettings.inProcess(environment)) {
            throw new IllegalStateException(RequiredSettings.IN_PROCESS + "=true, but this package was processed"
                    + " ahead of time for the Cosmos DB and Service Bus adapters (spring.aot.enabled=true): start it"
                    + " without spring.aot.enabled to run it on the in-process store and topic");
        }
        List<String> missing = RequiredSettings.missing(environment);
        if (!missing.isEmpty()) {
            throw new MissingSettingsException(missing);
        }
    }

    private static Class<?> startClass(ClassLoader classLoader) {
        try {
            return (Class<?>) ClassUtils.forName(ADAPTER_START_CLASS, classLoader).getMethod("getStartClass")
                    .invoke(null);
        } catch (ReflectiveOperationException | LinkageError e) {
            throw new IllegalStateException("spring.aot.enabled=true needs the Spring adapter's start class ("
                    + ADAPTER_START_CLASS + "): " + e, e);
        }
    }
}
