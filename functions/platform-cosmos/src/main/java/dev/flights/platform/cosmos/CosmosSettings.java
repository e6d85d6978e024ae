package dev.flights.platform.cosmos;

import dev.flights.platform.identity.ConnectionIdentity;
import dev.flights.platform.spring.RequiredSettings;
import java.util.Optional;
import org.springframework.core.env.Environment;

/**
 * Where the Cosmos DB account is, from the app settings: identity-based {@code CosmosDBConnection__accountEndpoint}
 * (with {@code CosmosDBConnection__credential} / {@code __clientId} as the Cosmos DB trigger reads them, see
 * {@link ConnectionIdentity}) or a connection string {@code CosmosDBConnection} ({@code AccountEndpoint=…;AccountKey=…;},
 * for an emulator). The database {@code CosmosDatabase} is required, as the change-feed triggers' {@code
 * %CosmosDatabase%} is. Keys come only from the environment, never from the repository.
 */
public record CosmosSettings(String endpoint, String key, String database, ConnectionIdentity identity) {

    public static final String ACCOUNT_ENDPOINT = RequiredSettings.COSMOS_ENDPOINT;
    public static final String CONNECTION_STRING = RequiredSettings.COSMOS_CONNECTION_STRING;
    public static final String DATABASE = RequiredSettings.COSMOS_DATABASE;

    /** True when the key is absent: connect with the app's identity. */
    public boolean identityBased() {
        return key == null;
    }

    public static boolean present(Environment environment) {
        return hasText(environment.getProperty(ACCOUNT_ENDPOINT)) || hasText(environment.getProperty(CONNECTION_STRING));
    }

    /**
     * The settings when an account is named, else empty.
     *
     * @throws dev.flights.platform.spring.MissingSettingsException when an account is named but no database
     */
    public static Optional<CosmosSettings> from(Environment environment) {
        if (!present(environment)) {
            return Optional.empty();
        }
        String database = environment.getProperty(DATABASE);
        if (!hasText(database)) {
            throw RequiredSettings.refusal(environment, "a database");
        }
        database = database.trim();
        String endpoint = environment.getProperty(ACCOUNT_ENDPOINT);
        if (hasText(endpoint)) {
            return Optional.of(new CosmosSettings(endpoint.trim(), null, database,
                    ConnectionIdentity.of(CONNECTION_STRING, environment::getProperty)));
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
        return new CosmosSettings(endpoint, key, database, new ConnectionIdentity(false, null));
    }

    private static boolean hasText(String value) {
        return value != null && !value.isBlank();
    }

    @Override
    public String toString() {
        return "CosmosSettings[endpoint=" + endpoint + ", " + (identityBased() ? identity.describe() : "account key")
                + ", database=" + database + "]";
    }
}
