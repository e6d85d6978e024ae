package dev.flights.localhost.infra;

import com.microsoft.azure.functions.annotation.CosmosDBTrigger;
import com.microsoft.azure.functions.annotation.HttpTrigger;
import com.microsoft.azure.functions.annotation.ServiceBusTopicTrigger;
import dev.flights.localhost.discovery.FunctionApp;
import dev.flights.localhost.discovery.FunctionDefinition;
import dev.flights.platform.auth.AuthSettings;
import dev.flights.platform.http.DeadLetterEndpoints;
import dev.flights.platform.identity.ConnectionIdentity;
import dev.flights.platform.messaging.DeferringConsumer;
import dev.flights.platform.outbox.OutboxRelay;
import dev.flights.platform.spring.RequiredSettings;
import java.lang.annotation.Annotation;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What one app's code needs of Azure, read from its function annotations (what the Maven plugin writes into
 * function.json), the platform's required and authentication settings and the app's sources: the settings it reads, the containers it
 * writes and the change feeds it reads, whether it sends to the topic, the subscription it receives from, its lease
 * sets and its HTTP routes.
 */
record CodeNeeds(String app, String mainClass, Set<String> settings, Set<String> writes, Set<String> reads,
        boolean sendsToTopic, String topic, String receivesFrom, List<LeaseSet> leaseSets, List<Route> routes) {

    /** A change-feed trigger's leases: one set per (monitored container, lease container, prefix). */
    record LeaseSet(String function, String monitored, String leaseContainer, String prefix, boolean outbox) {
    }

    /** An HTTP function: {@code /api/<route>}, its methods, and whether only operators call it. */
    record Route(String function, String path, List<String> methods, boolean operator) {
    }

    private static final String OPERATOR_ROUTES = "/api/ops/";
    private static final Pattern SETTING_REFERENCE = Pattern.compile("%([^%]+)%");

    /** Classes that send to the topic: the outbox relay, a delayed copy to itself, a resubmitted dead letter. */
    private static final Set<Class<?>> SENDERS = Set.of(OutboxRelay.class, DeferringConsumer.class,
            DeadLetterEndpoints.class);

    static CodeNeeds of(FunctionApp app, Set<String> containersInSources) {
        Set<String> settings = new TreeSet<>(List.of("MAIN_CLASS", RequiredSettings.COSMOS_DATABASE,
                RequiredSettings.COSMOS_ENDPOINT, RequiredSettings.SERVICE_BUS_NAMESPACE));
        settings.addAll(AuthSettings.names());
        settings.addAll(identitySettings(RequiredSettings.COSMOS_CONNECTION_STRING));
        settings.addAll(identitySettings(RequiredSettings.SERVICE_BUS_CONNECTION_STRING));
        Set<String> writes = new TreeSet<>(containersInSources);
        Set<String> monitored = new TreeSet<>();
        List<LeaseSet> leaseSets = new java.util.ArrayList<>();
        List<Route> routes = new java.util.ArrayList<>();
        String topicName = "";
        String receivesFrom = "";
        boolean sends = false;
        for (FunctionDefinition function : app.functions()) {
            settings.addAll(settingReferences(function.trigger()));
            sends |= SENDERS.stream().anyMatch(sender -> takes(function.functionClass(), sender));
            if (function.trigger() instanceof CosmosDBTrigger feed) {
                settings.add(feed.connection() + "__accountEndpoint");
                settings.addAll(identitySettings(feed.connection()));
                monitored.add(feed.containerName());
                writes.add(feed.leaseContainerName());
                leaseSets.add(new LeaseSet(function.name(), feed.containerName(), feed.leaseContainerName(),
                        feed.leaseContainerPrefix(), takes(function.functionClass(), OutboxRelay.class)));
            } else if (function.trigger() instanceof ServiceBusTopicTrigger topic) {
                settings.add(topic.connection() + "__fullyQualifiedNamespace");
                settings.addAll(identitySettings(topic.connection()));
                topicName = topic.topicName();
                receivesFrom = topic.subscriptionName();
            } else if (function.trigger() instanceof HttpTrigger http) {
                String path = "/api/" + http.route();
                routes.add(new Route(function.name(), path, Arrays.stream(http.methods()).map(Enum::name).toList(),
                        path.startsWith(OPERATOR_ROUTES)));
            }
        }
        Set<String> reads = new TreeSet<>(monitored);
        reads.removeAll(writes);
        return new CodeNeeds(app.name(), app.startClass().getName(), settings, writes, reads, sends, topicName,
                receivesFrom,
                List.copyOf(leaseSets), List.copyOf(routes));
    }

    boolean customerFacing() {
        return routes.stream().anyMatch(route -> !route.operator());
    }

    private static boolean takes(Class<?> functionClass, Class<?> dependency) {
        return Arrays.stream(functionClass.getConstructors())
                .anyMatch(constructor -> Arrays.asList(constructor.getParameterTypes()).contains(dependency));
    }

    private static List<String> identitySettings(String connection) {
        return List.of(connection + ConnectionIdentity.CREDENTIAL, connection + ConnectionIdentity.CLIENT_ID);
    }

    /** Every {@code %Setting%} in the trigger's attributes, as the Functions host resolves them from app settings. */
    private static Set<String> settingReferences(Annotation trigger) {
        Set<String> references = new TreeSet<>();
        for (Method attribute : trigger.annotationType().getDeclaredMethods()) {
            if (attribute.getReturnType() == String.class) {
                Matcher matcher = SETTING_REFERENCE.matcher(invoke(attribute, trigger));
                while (matcher.find()) {
                    references.add(matcher.group(1));
                }
            }
        }
        return references;
    }

    private static String invoke(Method attribute, Annotation trigger) {
        try {
            return (String) attribute.invoke(trigger);
        } catch (IllegalAccessException | InvocationTargetException e) {
            throw new IllegalStateException("cannot read " + attribute, e);
        }
    }
}
