package dev.flights.platform.cosmos;

import java.util.Optional;
import org.springframework.core.env.Environment;

/**
 * Where the Cosmos DB account is, from the app settings: identity-based {@code CosmosDBConnection__accountEndpoint}
 * (the managed identity, through DefaultAzureCredential) or a connection string {@code CosmosDBConnection}
 * ({@code AccountEndpoint=…;AccountKey=…;}, for an emulator). The database is {@code CosmosDatabase}, by default
 * {@code flights}. Keys come only from the environment, never from the repository.
 */
public record CosmosSettings(String endpoint, String key, String database) {

    public static final String ACCOUNT_ENDPOINT = "CosmosDBConnection__accountEndpoint";
    public static final String CONNECTION_STRING = "CosmosDBConnection";
    public static final String DATABASE = "CosmosDatabase";
    public static final String DEFAULT_DATABASE = "flights";

    /** True when the key is absent: connect with the app's identity. */
    public boolean identityBased() {
        return key == null;
    }

    public static boolean present(Environment environment) {
        return hasText(environment.getProperty(ACCOUNT_ENDPOINT)) || hasText(environment.getProperty(CONNECTION_STRING));
    }

    public static Optional<CosmosSettings> from(Environment environment) {
        String database = environment.getProperty(DATABASE, DEFAULT_DATABASE);
        String endpoint = environment.getProperty(ACCOUNT_ENDPOINT);
        if (hasText(endpoint)) {
            return Optional.of(new CosmosSettings(endpoint.trim(), null, database));
        }
        String connectionString = environment.getProperty(CONNECTION_STRING);
        if (hasText(connectionString)) {
            return Optional.of(fromConnectionString(connectionString, database));
        }
        return Optional.empty();
    }

    static CosmosSettings fromConnectionString(String connectionString, String database) {
        String endpoint = null;
        String key = null;
        for (String part : connectionString.split(";")) {
            int equals = part.indexOf('=');
            if (equals < 0) {
                continue;
            }
            String name = part.substring(0, equals).trim();
            String value = part.substring(equals + 1).trim();
            if (name.equalsIgnoreCase("AccountEndpoint")) {
                endpoint = value;
            } else if (name.equalsIgnoreCase("AccountKey")) {
                key = value;
            }
        }
        if (!hasText(endpoint) || !hasText(key)) {
            // never echo the connection string: it holds a key
            throw new IllegalArgumentException(CONNECTION_STRING + " needs AccountEndpoint=…;AccountKey=…;");
        }
        return new CosmosSettings(endpoint, key, database);
    }

    private static boolean hasText(String value) {
        return value != null && !value.isBlank();
    }

    @Override
    public String toString() {
        return "CosmosSettings[endpoint=" + endpoint + ", identityBased=" + identityBased() + ", database=" + database + "]";
    }
}
