package dev.flights.platform.spring;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The training run of the class-data archive each app's package carries ({@code app-cds.jsa}, made by
 * {@code mvn package}, see app-parent's pom): run with {@code -XX:ArchiveClassesAtExit} on the packaged class path,
 * it starts the app as the Java worker does, through the Spring adapter's instance injector with the app's
 * {@code MAIN_CLASS}, and exits; the JVM then writes every class the start loaded to the archive. A JVM started with
 * {@code -XX:SharedArchiveFile} on that archive maps those classes instead of loading, verifying and parsing them
 * again. The adapter is looked up by name: it is on the class path of every app, not of this module's main code.
 */
public final class ClassDataArchiveTraining {

    private static final Logger log = LoggerFactory.getLogger(ClassDataArchiveTraining.class);
    private static final String INJECTOR = "org.springframework.cloud.function.adapter.azure.AzureFunctionInstanceInjector";

    private ClassDataArchiveTraining() {
    }

    public static void main(String[] args) throws Exception {
        Object injector = Class.forName(INJECTOR).getDeclaredConstructor().newInstance();
        // the injector starts the whole app before it looks the bean up; this one is in every app and, unlike a
        // lookup of every bean, leaves the lazy SDK clients unbuilt, as a function instance does
        Object instance = injector.getClass().getMethod("getInstance", Class.class)
                .invoke(injector, PlatformAutoConfiguration.class);
        log.info("class-data archive training: {} started, {} answered the injector",
                System.getenv("MAIN_CLASS"), instance.getClass().getName());
        System.exit(0);
    }
}
