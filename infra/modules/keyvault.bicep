// The one secret the system has, notify's webhook signing key, lives here and nowhere else: notify's app setting
// is a Key Vault reference resolved with notify's identity (Key Vault Secrets User on this vault only). The
// operator sets the secret itself (az keyvault secret set); the template never sees its value.
param location string
param tags object
param name string

@description('Principal that reads the secrets (notify\'s identity)')
param readerPrincipalId string

var secretsUser = '4633458b-17de-408a-b874-0445c86b69e6'

resource vault 'Microsoft.KeyVault/vaults@2023-07-01' = {
  name: name
  location: location
  tags: tags
  properties: {
    tenantId: tenant().tenantId
    sku: {
      family: 'A'
      name: 'standard'
    }
    enableRbacAuthorization: true
    enableSoftDelete: true
    enablePurgeProtection: true
  }
}

resource reader 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  scope: vault
  name: guid(vault.id, readerPrincipalId, secretsUser)
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', secretsUser)
    principalId: readerPrincipalId
    principalType: 'ServicePrincipal'
  }
}

output name string = vault.name
