package dev.flights.platform.spring;

import com.microsoft.azure.functions.HttpRequestMessage;
import com.microsoft.azure.functions.HttpStatus;
import dev.flights.platform.http.HttpFunctions;
import dev.flights.platform.http.InvalidInputException;
import dev.flights.platform.inprocess.InProcessHttpRequest;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The training run of the class-data archive each app's package carries ({@code app-cds.jsa}, made by
 * {@code mvn package}, see app-parent's pom): run with {@code -XX:ArchiveClassesAtExit} on the packaged class path
 * and, as infra/ runs the worker, {@code -Dspring.aot.enabled=true} (the context Spring AOT generated at package
 * time, see {@link AheadOfTimeContext}), it starts the app as the Java worker does, through the Spring adapter's instance injector with the app's
 * {@code MAIN_CLASS}, answers two requests through the platform's HTTP helpers (a JSON body, a problem for bad
 * input: the response path of every HTTP function) and exits; the JVM then writes every class it loaded to the
 * archive. A JVM started with
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
        // the response path every HTTP function takes (a JSON body, a problem for bad input): its Jackson serializers
        HttpRequestMessage<?> request = InProcessHttpRequest.get("/api/training", Map.of());
        HttpFunctions.handle(request, () -> HttpFunctions.json(request, HttpStatus.OK, Map.of("items", List.of())));
        HttpFunctions.handle(request, () -> {
            throw new InvalidInputException("training", "is how the archive learns the problem path");
        });
        log.info("class-data archive training: {} started, {} answered the injector",
                System.getenv("MAIN_CLASS"), instance.getClass().getName());
        System.exit(0);
    }
}
