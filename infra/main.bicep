// The whole system in one resource group: Service Bus topic and subscriptions, Cosmos DB, five Function Apps on
// Flex Consumption with their own identities and only the data-plane roles their code needs, App Service
// Authentication with Microsoft Entra ID, one Front Door host name for the page and the API, and monitoring.
// No key, connection string or secret is created, read or output: every connection is identity-based.
targetScope = 'resourceGroup'

@minLength(1)
@maxLength(20)
@description('azd environment name; a suffix of every resource name')
param environmentName string

@description('Region of every resource; it must offer Flex Consumption (az functionapp list-flexconsumption-locations)')
param location string = resourceGroup().location

@description('Client id of the Microsoft Entra app registration customers sign in with (Bicep cannot create it)')
param authClientId string

@description('Tenant of that app registration')
param authTenantId string = tenant().tenantId

// appService: the apps read the principal App Service Authentication injects (it validated the token and strips
// client copies). entraToken: each app validates the caller's Entra bearer token itself and ignores those headers,
// for a plan where App Service Authentication might not run in front of it.
@description('appService: trust App Service Authentication\'s principal; entraToken: the apps validate the Entra token')
@allowed([
  'appService'
  'entraToken'
])
param authMode string = 'appService'

@description('Cosmos DB serverless (pay per request); false: provisioned throughput with autoscale on the database')
param cosmosServerless bool = true

@description('Autoscale maximum RU/s of the shared database throughput when cosmosServerless is false')
param cosmosAutoscaleMaxThroughput int = 4000

@description('Duplicate detection window of the topic; at least the longest delayed copy (MESSAGE_RETRY_MAX_DELAY, 5 min)')
param duplicateDetectionWindow string = 'PT10M'

@description('Always-ready instances of the HTTP group of each customer-facing app (0: scale to zero, cold starts)')
@minValue(0)
param httpAlwaysReady int = 1

@description('Flex Consumption maximum instance count of every app')
@minValue(1)
@maxValue(1000)
param maximumInstanceCount int = 40

@description('Flex Consumption instance memory: 2048 (1 vCPU) or 4096 (2 vCPU); 512 is too small for a Spring context')
@allowed([2048, 4096])
param instanceMemoryMB int = 2048

@description('Concurrent HTTP requests per instance before Flex Consumption adds an instance')
@minValue(1)
@maxValue(1000)
param httpPerInstanceConcurrency int = 16

@description('Site update strategy: RollingUpdate (zero downtime, preview) or Recreate (brief downtime)')
@allowed(['RollingUpdate', 'Recreate'])
param siteUpdateStrategy string = 'RollingUpdate'

@description('How long a relayed outbox document is kept (OUTBOX_TTL): 7d, or 1d at high volume')
param outboxTtl string = '7d'

@description('Receiver of notify\'s webhook (NOTIFY_WEBHOOK_URL); empty: no webhook. Its signing key is the Key Vault secret notify-webhook-secret')
param notifyWebhookUrl string = ''

var suffix = uniqueString(subscription().id, resourceGroup().id, environmentName)
var tags = { 'azd-env-name': environmentName }
var cosmosDatabaseName = 'flights'

// Each app's needs, from its code: the containers it writes (its own, and leases when it has a change-feed
// trigger) and reads (a change feed of another app's container), whether it sends to the topic (an outbox relay,
// a delayed copy of a message to itself, a resubmitted dead letter), the subscription it receives from, whether
// its HTTP routes serve customers, and paths open without sign-in. infra's cross-check test holds this to the code.
var apps = [
  {
    name: 'reserve'
    mainClass: 'dev.flights.reserve.ReserveApplication'
    writes: ['reservations', 'leases']
    reads: []
    sendsToTopic: true
    receivesFrom: 'reserve'
    customerFacing: true
    publicPaths: []
  }
  {
    name: 'pay'
    mainClass: 'dev.flights.pay.PayApplication'
    writes: ['accounts', 'leases']
    reads: []
    sendsToTopic: true
    receivesFrom: 'pay'
    customerFacing: true
    publicPaths: []
  }
  {
    name: 'issue-ticket'
    mainClass: 'dev.flights.ticket.IssueTicketApplication'
    writes: ['tickets', 'leases']
    reads: []
    sendsToTopic: true
    receivesFrom: 'issue-ticket'
    customerFacing: false
    publicPaths: []
  }
  {
    name: 'notify'
    mainClass: 'dev.flights.notify.NotifyApplication'
    writes: ['notifications']
    reads: []
    sendsToTopic: true
    receivesFrom: 'notify'
    customerFacing: true
    publicPaths: []
  }
  {
    name: 'reservation-view'
    mainClass: 'dev.flights.view.ReservationViewApplication'
    writes: ['reservation-view', 'leases']
    reads: ['reservations']
    sendsToTopic: false
    receivesFrom: ''
    customerFacing: true
    publicPaths: ['/api/page']
  }
]

// notify's webhook: the receiver, and its signing key as a Key Vault reference (never the key itself)
var keyVaultName = 'kv-flights-${suffix}'
var webhookSettings = {
  NOTIFY_WEBHOOK_URL: notifyWebhookUrl
  NOTIFY_WEBHOOK_SECRET: '@Microsoft.KeyVault(VaultName=${keyVaultName};SecretName=notify-webhook-secret)'
}

module monitoring 'modules/monitoring.bicep' = {
  name: 'monitoring'
  params: {
    location: location
    tags: tags
    suffix: suffix
  }
}

module serviceBus 'modules/servicebus.bicep' = {
  name: 'servicebus'
  params: {
    location: location
    tags: tags
    suffix: suffix
    duplicateDetectionWindow: duplicateDetectionWindow
  }
}

module cosmos 'modules/cosmos.bicep' = {
  name: 'cosmos'
  params: {
    location: location
    tags: tags
    suffix: suffix
    databaseName: cosmosDatabaseName
    serverless: cosmosServerless
    autoscaleMaxThroughput: cosmosAutoscaleMaxThroughput
  }
}

// created before the apps: each app admits only requests that carry this profile's id (X-Azure-FDID)
resource frontDoorProfile 'Microsoft.Cdn/profiles@2024-02-01' = {
  name: 'afd-flights-${suffix}'
  location: 'global'
  tags: tags
  sku: {
    name: 'Standard_AzureFrontDoor'
  }
}

resource frontDoorEndpoint 'Microsoft.Cdn/profiles/afdEndpoints@2024-02-01' = {
  parent: frontDoorProfile
  name: 'flights-${suffix}'
  location: 'global'
  tags: tags
  properties: {
    enabledState: 'Enabled'
  }
}

module functionApps 'modules/functionapp.bicep' = [for app in apps: {
  name: 'app-${app.name}'
  params: {
    location: location
    tags: tags
    suffix: suffix
    appName: app.name
    mainClass: app.mainClass
    customerFacing: app.customerFacing
    publicPaths: app.publicPaths
    cosmosEndpoint: cosmos.outputs.endpoint
    cosmosDatabaseName: cosmosDatabaseName
    serviceBusNamespaceHost: serviceBus.outputs.namespaceHost
    applicationInsightsName: monitoring.outputs.applicationInsightsName
    authClientId: authClientId
    authTenantId: authTenantId
    authMode: authMode
    frontDoorId: frontDoorProfile.properties.frontDoorId
    frontDoorHostName: frontDoorEndpoint.properties.hostName
    httpAlwaysReady: app.customerFacing ? httpAlwaysReady : 0
    maximumInstanceCount: maximumInstanceCount
    instanceMemoryMB: instanceMemoryMB
    httpPerInstanceConcurrency: httpPerInstanceConcurrency
    siteUpdateStrategy: siteUpdateStrategy
    outboxTtl: outboxTtl
    extraSettings: app.name == 'notify' && !empty(notifyWebhookUrl) ? webhookSettings : {}
  }
}]

module keyVault 'modules/keyvault.bicep' = {
  name: 'keyvault'
  params: {
    location: location
    tags: tags
    name: keyVaultName
    readerPrincipalId: functionApps[3].outputs.principalId
  }
}

// Cosmos DB takes one role assignment write at a time per account
@batchSize(1)
module cosmosAccess 'modules/cosmos-access.bicep' = [for (app, i) in apps: {
  name: 'cosmos-access-${app.name}'
  params: {
    accountName: cosmos.outputs.accountName
    databaseName: cosmosDatabaseName
    principalId: functionApps[i].outputs.principalId
    writes: app.writes
    reads: app.reads
  }
}]

module serviceBusAccess 'modules/servicebus-access.bicep' = [for (app, i) in apps: {
  name: 'servicebus-access-${app.name}'
  params: {
    namespaceName: serviceBus.outputs.namespaceName
    topicName: serviceBus.outputs.topicName
    principalId: functionApps[i].outputs.principalId
    sendsToTopic: app.sendsToTopic
    receivesFrom: app.receivesFrom
  }
}]

module frontDoor 'modules/frontdoor.bicep' = {
  name: 'frontdoor'
  params: {
    profileName: frontDoorProfile.name
    endpointName: frontDoorEndpoint.name
    appHostNames: {
      reserve: functionApps[0].outputs.defaultHostName
      pay: functionApps[1].outputs.defaultHostName
      'issue-ticket': functionApps[2].outputs.defaultHostName
      notify: functionApps[3].outputs.defaultHostName
      'reservation-view': functionApps[4].outputs.defaultHostName
    }
  }
}

output AZURE_LOCATION string = location
output AZURE_TENANT_ID string = authTenantId
output FRONT_DOOR_URL string = 'https://${frontDoorEndpoint.properties.hostName}'
output SIGN_IN_REDIRECT_URI string = 'https://${frontDoorEndpoint.properties.hostName}/.auth/login/aad/callback'
output COSMOS_ENDPOINT string = cosmos.outputs.endpoint
output SERVICE_BUS_NAMESPACE string = serviceBus.outputs.namespaceHost
output WEBHOOK_VAULT_NAME string = keyVault.outputs.name
output FUNCTION_APP_NAMES array = [for (app, i) in apps: functionApps[i].outputs.name]
