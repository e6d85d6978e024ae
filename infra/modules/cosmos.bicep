// Cosmos DB for NoSQL: one database, a container per owner with the partition key that keeps each transactional
// batch in one logical partition, and leases for the change-feed triggers. Keys are disabled: data-plane access is
// by Entra identity and the sqlRoleAssignments of cosmos-access.bicep only.
param location string
param tags object
param suffix string
param databaseName string

@description('Serverless capacity; false: provisioned, autoscale on the database')
param serverless bool

param autoscaleMaxThroughput int

// what each container's code queries is indexed, nothing else: point reads, transactional batches and the change
// feed need no index. An ORDER BY on another field than the filter needs the composite index.
var outboxQueried = [
  { path: '/docType/?' }
  { path: '/status/?' }
]
var containers = [
  {
    name: 'reservations'
    partitionKey: '/reservationId'
    timeToLive: true
    includedPaths: outboxQueried
    compositeIndexes: []
  }
  {
    name: 'accounts'
    partitionKey: '/userId'
    timeToLive: true
    includedPaths: outboxQueried
    compositeIndexes: []
  }
  {
    name: 'tickets'
    partitionKey: '/reservationId'
    timeToLive: true
    includedPaths: outboxQueried
    compositeIndexes: []
  }
  {
    name: 'notifications'
    partitionKey: '/userId'
    timeToLive: false
    includedPaths: [
      { path: '/docType/?' }
      { path: '/occurredAt/?' }
    ]
    compositeIndexes: [
      [
        { path: '/docType', order: 'ascending' }
        { path: '/occurredAt', order: 'descending' }
      ]
    ]
  }
  {
    name: 'reservation-view'
    partitionKey: '/userId'
    timeToLive: false
    includedPaths: [
      { path: '/docType/?' }
      { path: '/createdAt/?' }
    ]
    compositeIndexes: [
      [
        { path: '/docType', order: 'ascending' }
        { path: '/createdAt', order: 'descending' }
      ]
    ]
  }
  {
    name: 'leases'
    partitionKey: '/id'
    timeToLive: false
    // the change feed processor queries its leases by id prefix: keep the default (everything indexed), it is tiny
    includedPaths: [
      { path: '/*' }
    ]
    compositeIndexes: []
  }
]

resource account 'Microsoft.DocumentDB/databaseAccounts@2024-05-15' = {
  name: 'cosmos-flights-${suffix}'
  location: location
  tags: tags
  kind: 'GlobalDocumentDB'
  properties: {
    databaseAccountOfferType: 'Standard'
    consistencyPolicy: {
      defaultConsistencyLevel: 'Session'
    }
    locations: [
      {
        locationName: location
        failoverPriority: 0
        isZoneRedundant: false
      }
    ]
    capabilities: serverless ? [{ name: 'EnableServerless' }] : []
    disableLocalAuth: true
    disableKeyBasedMetadataWriteAccess: true
    minimalTlsVersion: 'Tls12'
  }
}

resource database 'Microsoft.DocumentDB/databaseAccounts/sqlDatabases@2024-05-15' = {
  parent: account
  name: databaseName
  properties: {
    resource: {
      id: databaseName
    }
    options: serverless ? {} : {
      autoscaleSettings: {
        maxThroughput: autoscaleMaxThroughput
      }
    }
  }
}

resource sqlContainers 'Microsoft.DocumentDB/databaseAccounts/sqlDatabases/containers@2024-05-15' = [for c in containers: {
  parent: database
  name: c.name
  properties: {
    resource: union({
      id: c.name
      partitionKey: {
        paths: [c.partitionKey]
        kind: 'Hash'
        version: 2
      }
      indexingPolicy: {
        indexingMode: 'consistent'
        automatic: true
        includedPaths: c.includedPaths
        excludedPaths: c.name == 'leases' ? [{ path: '/"_etag"/?' }] : [{ path: '/*' }]
        compositeIndexes: c.compositeIndexes
      }
    }, c.timeToLive ? {
      // on, no default: a relayed outbox document expires by its own ttl (OUTBOX_TTL), nothing else does
      defaultTtl: -1
    } : {})
  }
}]

output accountName string = account.name
output endpoint string = account.properties.documentEndpoint
output containerNames array = [for c in containers: c.name]
