package dev.flights.platform.identity;

import static org.assertj.core.api.Assertions.assertThat;

import com.azure.identity.DefaultAzureCredential;
import com.azure.identity.ManagedIdentityCredential;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ConnectionIdentityTest {

    @Test
    void aManagedIdentityCredentialWithAClientIdUsesThatUserAssignedIdentity() {
        ConnectionIdentity identity = ConnectionIdentity.of("ServiceBusConnection", Map.of(
                "ServiceBusConnection__credential", "managedidentity",
                "ServiceBusConnection__clientId", "11111111-2222-3333-4444-555555555555")::get);

        assertThat(identity.credential()).isInstanceOfSatisfying(ManagedIdentityCredential.class,
                credential -> assertThat(credential.getClientId()).isEqualTo("11111111-2222-3333-4444-555555555555"));
        assertThat(identity.describe()).isEqualTo("the user-assigned identity 11111111-2222-3333-4444-555555555555");
    }

    @Test
    void aManagedIdentityCredentialWithoutAClientIdUsesTheSystemAssignedIdentity() {
        ConnectionIdentity identity = ConnectionIdentity.of("CosmosDBConnection",
                Map.of("CosmosDBConnection__credential", "ManagedIdentity")::get);

        assertThat(identity.credential()).isInstanceOfSatisfying(ManagedIdentityCredential.class,
                credential -> assertThat(credential.getClientId()).isNull());
    }

    @Test
    void aClientIdWithoutTheManagedIdentityCredentialLeavesTheDefaultChain() {
        ConnectionIdentity identity = ConnectionIdentity.of("CosmosDBConnection",
                Map.of("CosmosDBConnection__clientId", "11111111-2222-3333-4444-555555555555")::get);

        assertThat(identity).isEqualTo(new ConnectionIdentity(false, null));
        assertThat(identity.credential()).isInstanceOf(DefaultAzureCredential.class);
    }

    @Test
    void theSettingsOfAnotherConnectionDoNotCount() {
        ConnectionIdentity identity = ConnectionIdentity.of("ServiceBusConnection", Map.of(
                "CosmosDBConnection__credential", "managedidentity",
                "CosmosDBConnection__clientId", "11111111-2222-3333-4444-555555555555")::get);

        assertThat(identity.credential()).isInstanceOf(DefaultAzureCredential.class);
    }
}
