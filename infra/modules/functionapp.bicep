// One Function App on Flex Consumption (Java 17) with its own plan, user-assigned identity and deployment storage.
// Every connection is identity-based (<Connection>__credential = managedidentity with the identity's client id,
// read alike by the triggers and the apps' own clients); the app accepts only requests through the Front Door
// profile, and signs customers in with App Service Authentication (Microsoft Entra ID).
param location string
param tags object
param suffix string
param appName string
param mainClass string

@description('True when customers call its HTTP routes (always-ready instances are kept for them)')
param customerFacing bool

@description('Paths served without sign-in (the page itself; it signs the customer in)')
param publicPaths array

param cosmosEndpoint string
param cosmosDatabaseName string
param serviceBusNamespaceHost string
param applicationInsightsName string
param authClientId string
param authTenantId string

@description('appService: trust App Service Authentication\'s principal headers; entraToken: validate the Entra token in the app')
@allowed([
  'appService'
  'entraToken'
])
param authMode string
param frontDoorId string
param frontDoorHostName string
param httpAlwaysReady int
param maximumInstanceCount int
param instanceMemoryMB int
param httpPerInstanceConcurrency int
param siteUpdateStrategy string
param outboxTtl string

@description('Settings of this app alone, e.g. notify\'s webhook; a secret only as a Key Vault reference')
param extraSettings object = {}

var storageBlobDataOwner = 'b7e6dc6d-f1e8-4753-8033-0f276bb0955b'
var monitoringMetricsPublisher = '3913510d-42f4-4e42-8a64-420c390055eb'
var compactName = replace(appName, '-', '')
var deploymentContainerName = 'deployments'

resource identity 'Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31' = {
  name: 'id-${appName}-${suffix}'
  location: location
  tags: tags
}

// AzureWebJobsStorage and the deployment package, without shared keys
resource storage 'Microsoft.Storage/storageAccounts@2023-05-01' = {
  name: take('st${compactName}${suffix}', 24)
  location: location
  tags: tags
  kind: 'StorageV2'
  sku: {
    name: 'Standard_LRS'
  }
  properties: {
    allowSharedKeyAccess: false
    allowBlobPublicAccess: false
    minimumTlsVersion: 'TLS1_2'
    supportsHttpsTrafficOnly: true
    defaultToOAuthAuthentication: true
  }
}

resource blobService 'Microsoft.Storage/storageAccounts/blobServices@2023-05-01' = {
  parent: storage
  name: 'default'
}

resource deploymentContainer 'Microsoft.Storage/storageAccounts/blobServices/containers@2023-05-01' = {
  parent: blobService
  name: deploymentContainerName
}

resource storageRole 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  scope: storage
  name: guid(storage.id, identity.id, storageBlobDataOwner)
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', storageBlobDataOwner)
    principalId: identity.properties.principalId
    principalType: 'ServicePrincipal'
  }
}

resource applicationInsights 'Microsoft.Insights/components@2020-02-02' existing = {
  name: applicationInsightsName
}

resource telemetryRole 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  scope: applicationInsights
  name: guid(applicationInsights.id, identity.id, monitoringMetricsPublisher)
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', monitoringMetricsPublisher)
    principalId: identity.properties.principalId
    principalType: 'ServicePrincipal'
  }
}

resource plan 'Microsoft.Web/serverfarms@2024-04-01' = {
  name: 'plan-${appName}-${suffix}'
  location: location
  tags: tags
  kind: 'functionapp'
  sku: {
    tier: 'FlexConsumption'
    name: 'FC1'
  }
  properties: {
    reserved: true
  }
}

resource site 'Microsoft.Web/sites@2024-04-01' = {
  name: 'func-${appName}-${suffix}'
  location: location
  tags: union(tags, { 'azd-service-name': appName })
  kind: 'functionapp,linux'
  identity: {
    type: 'UserAssigned'
    userAssignedIdentities: {
      '${identity.id}': {}
    }
  }
  properties: {
    serverFarmId: plan.id
    httpsOnly: true
    // Key Vault references resolve with this identity
    keyVaultReferenceIdentity: identity.id
    siteConfig: {
      minTlsVersion: '1.2'
      // only Front Door reaches the app, and only this profile (its id in X-Azure-FDID)
      ipSecurityRestrictionsDefaultAction: 'Deny'
      ipSecurityRestrictions: [
        {
          name: 'front-door'
          action: 'Allow'
          priority: 100
          tag: 'ServiceTag'
          ipAddress: 'AzureFrontDoor.Backend'
          headers: {
            'x-azure-fdid': [frontDoorId]
          }
        }
      ]
      scmIpSecurityRestrictionsUseMain: false
    }
    functionAppConfig: {
      deployment: {
        storage: {
          type: 'blobContainer'
          value: '${storage.properties.primaryEndpoints.blob}${deploymentContainerName}'
          authentication: {
            type: 'UserAssignedIdentity'
            userAssignedIdentityResourceId: identity.id
          }
        }
      }
      scaleAndConcurrency: {
        maximumInstanceCount: maximumInstanceCount
        instanceMemoryMB: instanceMemoryMB
        alwaysReady: httpAlwaysReady > 0 ? [
          {
            name: 'http'
            instanceCount: httpAlwaysReady
          }
        ] : []
        triggers: {
          http: {
            perInstanceConcurrency: httpPerInstanceConcurrency
          }
        }
      }
      runtime: {
        name: 'java'
        version: '17'
      }
      siteUpdateStrategy: {
        type: siteUpdateStrategy
      }
    }
  }
  dependsOn: [
    deploymentContainer
    storageRole
  ]
}

// The settings the triggers and the code read; infra's cross-check test holds this object to the code.
var appSettings = {
  AzureWebJobsStorage__accountName: storage.name
  AzureWebJobsStorage__credential: 'managedidentity'
  AzureWebJobsStorage__clientId: identity.properties.clientId
  // names the resource; with local authentication off it ingests only with the identity's Entra token
  APPLICATIONINSIGHTS_CONNECTION_STRING: applicationInsights.properties.ConnectionString
  APPLICATIONINSIGHTS_AUTHENTICATION_STRING: 'ClientId=${identity.properties.clientId};Authorization=AAD'
  APPLICATIONINSIGHTS_ENABLE_AGENT: 'true'
  MAIN_CLASS: mainClass
  CosmosDatabase: cosmosDatabaseName
  CosmosDBConnection__accountEndpoint: cosmosEndpoint
  CosmosDBConnection__credential: 'managedidentity'
  CosmosDBConnection__clientId: identity.properties.clientId
  ServiceBusConnection__fullyQualifiedNamespace: serviceBusNamespaceHost
  ServiceBusConnection__credential: 'managedidentity'
  ServiceBusConnection__clientId: identity.properties.clientId
  OUTBOX_TTL: outboxTtl
  // the Java worker's JVM: the class-data archive that mvn package made beside the app jar (-Xshare:auto ignores it
  // should the platform's JVM be another build than the one that made it), C1 only, and the context Spring AOT
  // generated at package time (spring.aot.enabled); the bench's cold-start part measures each (README, "Cold start")
  languageWorkers__java__arguments: '-XX:SharedArchiveFile=/home/site/wwwroot/app-cds.jsa -Xshare:auto -XX:TieredStopAtLevel=1 -Dspring.aot.enabled=true'
  // who calls (the platform's AuthSettings); a tenant and a client id are identifiers, not secrets
  FLIGHTS_AUTH: authMode == 'entraToken' ? 'entra-token' : 'app-service'
  FLIGHTS_AUTH_ENTRA_TENANT_ID: authTenantId
  FLIGHTS_AUTH_ENTRA_CLIENT_ID: authClientId
}

resource settings 'Microsoft.Web/sites/config@2024-04-01' = {
  parent: site
  name: 'appsettings'
  properties: union(appSettings, extraSettings)
  dependsOn: [
    telemetryRole
  ]
}

// App Service Authentication: every request needs a signed-in Microsoft Entra user (401 otherwise, never a
// redirect: the callers are the page's fetch calls). With authMode entraToken it stays: where the plan runs it, it is
// a second gate with the same tenant and audiences (and serves the page's /.auth/*); where it does not, the app's own
// token check is the gate, and the principal headers, which then nobody strips, are never read. The page's app keeps the tokens and serves /.auth/* behind
// Front Door; the other apps accept the same registration's tokens as bearer tokens. No client secret: sign-in
// asks for an ID token, whose audience is the client id.
resource auth 'Microsoft.Web/sites/config@2024-04-01' = {
  parent: site
  name: 'authsettingsV2'
  properties: {
    platform: {
      enabled: true
      runtimeVersion: '~1'
    }
    globalValidation: {
      requireAuthentication: true
      unauthenticatedClientAction: 'Return401'
      excludedPaths: publicPaths
    }
    httpSettings: {
      requireHttps: true
      // behind Front Door: redirects and callbacks use the host name the browser sees (X-Forwarded-Host)
      forwardProxy: {
        convention: 'Standard'
      }
    }
    identityProviders: {
      azureActiveDirectory: {
        enabled: true
        registration: {
          clientId: authClientId
          openIdIssuer: '${environment().authentication.loginEndpoint}${authTenantId}/v2.0'
        }
        validation: {
          allowedAudiences: [
            authClientId
            'api://${authClientId}'
          ]
        }
      }
    }
    login: {
      tokenStore: {
        enabled: true
      }
      allowedExternalRedirectUrls: [
        'https://${frontDoorHostName}'
      ]
    }
  }
  dependsOn: [
    settings
  ]
}

output name string = site.name
output defaultHostName string = site.properties.defaultHostName
output principalId string = identity.properties.principalId
