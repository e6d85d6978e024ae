package dev.flights.platform.spring;

import java.util.ArrayList;
import java.util.List;
import org.springframework.core.env.Environment;

/**
 * The app settings every app needs on Azure (as environment variables or Spring properties), and the one switch
 * that lets it run without them on the in-process store and topic. Connections are named as the Functions
 * extensions name them: identity-based ({@code __accountEndpoint}, {@code __fullyQualifiedNamespace}) or a
 * connection string under the bare name.
 */
public final class RequiredSettings {

    public static final String IN_PROCESS = "FLIGHTS_IN_PROCESS";
    public static final String COSMOS_ENDPOINT = "CosmosDBConnection__accountEndpoint";
    public static final String COSMOS_CONNECTION_STRING = "CosmosDBConnection";
    public static final String COSMOS_DATABASE = "CosmosDatabase";
    public static final String SERVICE_BUS_NAMESPACE = "ServiceBusConnection__fullyQualifiedNamespace";
    public static final String SERVICE_BUS_CONNECTION_STRING = "ServiceBusConnection";

    private RequiredSettings() {
    }

    /** True only when {@value #IN_PROCESS} is {@code true}: a local run or a test, never Azure. */
    public static boolean inProcess(Environment environment) {
        return "true".equalsIgnoreCase(trimmed(environment.getProperty(IN_PROCESS)));
    }

    /**
     * The settings that are missing, each as the operator would set it. In-process, a connection may be absent
     * (the in-process store or topic stands in), but a Cosmos DB account still needs its database.
     */
    public static List<String> missing(Environment environment) {
        boolean inProcess = inProcess(environment);
        boolean cosmos = !absent(environment, COSMOS_ENDPOINT) || !absent(environment, COSMOS_CONNECTION_STRING);
        List<String> missing = new ArrayList<>();
        if (!cosmos && !inProcess) {
            missing.add(COSMOS_ENDPOINT + " (or " + COSMOS_CONNECTION_STRING + ")");
        }
        if (absent(environment, COSMOS_DATABASE) && (cosmos || !inProcess)) {
            missing.add(COSMOS_DATABASE);
        }
        if (absent(environment, SERVICE_BUS_NAMESPACE) && absent(environment, SERVICE_BUS_CONNECTION_STRING)
                && !inProcess) {
            missing.add(SERVICE_BUS_NAMESPACE + " (or " + SERVICE_BUS_CONNECTION_STRING + ")");
        }
        return missing;
    }

    /** Fails the start of an app that has no {@code port} (no adapter took the settings), naming what is missing. */
    public static MissingSettingsException refusal(Environment environment, String port) {
        List<String> missing = missing(environment);
        return new MissingSettingsException(missing.isEmpty() ? List.of("a setting that gives " + port) : missing);
    }

    private static boolean absent(Environment environment, String name) {
        String value = trimmed(environment.getProperty(name));
        return value == null || value.isEmpty();
    }

    private static String trimmed(String value) {
        return value == null ? null : value.trim();
    }
}
