package dev.flights.platform.identity;

import com.azure.core.credential.TokenCredential;
import com.azure.identity.DefaultAzureCredentialBuilder;
import com.azure.identity.ManagedIdentityCredentialBuilder;
import java.util.function.UnaryOperator;

/**
 * The identity of an identity-based connection, from {@code <connection>__credential} and
 * {@code <connection>__clientId}, read as the Functions extensions read them for their triggers: with
 * {@code __credential} set to {@code managedidentity} the connection uses the app's managed identity, the
 * user-assigned one whose client id {@code __clientId} gives, else the system-assigned one. Without it the SDK's
 * default credential chain applies (a developer's sign-in locally, the system-assigned identity on Azure). The
 * adapters that call {@link #credential()} bring azure-identity; the platform only compiles against it.
 */
public record ConnectionIdentity(boolean managedIdentity, String clientId) {

    public static final String CREDENTIAL = "__credential";
    public static final String CLIENT_ID = "__clientId";
    public static final String MANAGED_IDENTITY = "managedidentity";

    public static ConnectionIdentity of(String connection, UnaryOperator<String> settings) {
        boolean managed = MANAGED_IDENTITY.equalsIgnoreCase(trimmed(settings.apply(connection + CREDENTIAL)));
        return new ConnectionIdentity(managed, managed ? trimmed(settings.apply(connection + CLIENT_ID)) : null);
    }

    /** Builds no connection: the credential asks for a token on first use. */
    public TokenCredential credential() {
        if (managedIdentity) {
            return new ManagedIdentityCredentialBuilder().clientId(clientId).build();
        }
        return new DefaultAzureCredentialBuilder().build();
    }

    public String describe() {
        if (!managedIdentity) {
            return "the default credential chain";
        }
        return clientId == null ? "the system-assigned managed identity" : "the user-assigned identity " + clientId;
    }

    private static String trimmed(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }
}
