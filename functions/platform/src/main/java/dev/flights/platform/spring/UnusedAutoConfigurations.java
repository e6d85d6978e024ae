package dev.flights.platform.spring;

import java.util.List;
import java.util.Set;
import org.springframework.boot.autoconfigure.AutoConfigurationImportFilter;
import org.springframework.boot.autoconfigure.AutoConfigurationMetadata;
import org.springframework.context.EnvironmentAware;
import org.springframework.core.env.Environment;

/**
 * The auto-configurations no function app uses, left out of every app's context (registered in
 * {@code spring.factories}): each costs start-up time (its classes, its condition checks, its beans: Boot's task
 * executors and their builders, an SSL bundle registry with a file watcher, Boot's and Spring Cloud Function's own
 * Jackson mappers, the latter with the Joda-Time module and its classes). The apps build no Spring Cloud Function
 * catalog (the adapter only starts the context and asks it for the function classes' beans), use no
 * {@code @Async}, {@code @Scheduled}, aspects, SQL, SSL bundles or Boot's {@code ObjectMapper} (the contract's
 * codec has its own). {@code flights.autoconfigure.keep-unused=true} keeps them all (to measure what leaving them
 * out saves). With the package's ahead-of-time processing this is decided at build time, as all conditions are.
 */
public final class UnusedAutoConfigurations implements AutoConfigurationImportFilter, EnvironmentAware {

    public static final String KEEP_PROPERTY = "flights.autoconfigure.keep-unused";

    /** The auto-configurations left out. */
    public static final List<String> UNUSED = List.of(
            "org.springframework.boot.autoconfigure.aop.AopAutoConfiguration",
            "org.springframework.boot.autoconfigure.availability.ApplicationAvailabilityAutoConfiguration",
            "org.springframework.boot.autoconfigure.context.LifecycleAutoConfiguration",
            "org.springframework.boot.autoconfigure.info.ProjectInfoAutoConfiguration",
            "org.springframework.boot.autoconfigure.jackson.JacksonAutoConfiguration",
            "org.springframework.boot.autoconfigure.netty.NettyAutoConfiguration",
            "org.springframework.boot.autoconfigure.reactor.ReactorAutoConfiguration",
            "org.springframework.boot.autoconfigure.sql.init.SqlInitializationAutoConfiguration",
            "org.springframework.boot.autoconfigure.ssl.SslAutoConfiguration",
            "org.springframework.boot.autoconfigure.task.TaskExecutionAutoConfiguration",
            "org.springframework.boot.autoconfigure.task.TaskSchedulingAutoConfiguration",
            "org.springframework.cloud.function.cloudevent.CloudEventsFunctionExtensionConfiguration",
            "org.springframework.cloud.function.context.config.ContextFunctionCatalogAutoConfiguration",
            "org.springframework.cloud.function.context.config.FunctionsEndpointAutoConfiguration",
            "org.springframework.cloud.function.context.config.KotlinLambdaToFunctionAutoConfiguration",
            "org.springframework.cloud.function.observability.ObservationAutoConfiguration");

    private static final Set<String> UNUSED_SET = Set.copyOf(UNUSED);

    private boolean keep;

    @Override
    public void setEnvironment(Environment environment) {
        keep = environment.getProperty(KEEP_PROPERTY, Boolean.class, false);
    }

    @Override
    public boolean[] match(String[] autoConfigurationClasses, AutoConfigurationMetadata autoConfigurationMetadata) {
        boolean[] matches = new boolean[autoConfigurationClasses.length];
        for (int i = 0; i < autoConfigurationClasses.length; i++) {
            matches[i] = keep || autoConfigurationClasses[i] == null
                    || !UNUSED_SET.contains(autoConfigurationClasses[i]);
        }
        return matches;
    }
}
