// Service Bus (Standard), topic reservation-events and its subscriptions. The subscriptions, their SQL filters and
// the maximum delivery count come from generated/topology.json, which the contract's Subscriptions writes (a test
// fails when the file and the contract differ), so they cannot drift from the code.
param location string
param tags object
param suffix string

@description('Duplicate detection window (ISO 8601 duration)')
param duplicateDetectionWindow string

var topology = loadJsonContent('../generated/topology.json')

resource namespace 'Microsoft.ServiceBus/namespaces@2022-10-01-preview' = {
  name: 'sb-flights-${suffix}'
  location: location
  tags: tags
  sku: {
    name: 'Standard'
    tier: 'Standard'
  }
  properties: {
    // no SAS keys: every sender and receiver signs in with its managed identity
    disableLocalAuth: true
    minimumTlsVersion: '1.2'
  }
}

resource topic 'Microsoft.ServiceBus/namespaces/topics@2022-10-01-preview' = {
  parent: namespace
  name: topology.topic
  properties: {
    // message id = event id: a re-sent event, a delayed copy or a resubmission within the window is dropped
    requiresDuplicateDetection: true
    duplicateDetectionHistoryTimeWindow: duplicateDetectionWindow
    // one relay batch carries messages of several sessions: a partitioned topic refuses such a batch
    enablePartitioning: false
    supportOrdering: true
    defaultMessageTimeToLive: 'P14D'
  }
}

resource subscriptions 'Microsoft.ServiceBus/namespaces/topics/subscriptions@2022-10-01-preview' = [for s in topology.subscriptions: {
  parent: topic
  name: s.name
  properties: {
    // session id = reservation id: one reservation's messages are handled one at a time, in order
    requiresSession: true
    maxDeliveryCount: topology.maxDeliveryCount
    lockDuration: 'PT1M'
    deadLetteringOnMessageExpiration: true
    deadLetteringOnFilterEvaluationExceptions: true
    defaultMessageTimeToLive: 'P14D'
  }
}]

// replaces the subscription's default rule (1=1), so each subscription receives only its own types
resource filters 'Microsoft.ServiceBus/namespaces/topics/subscriptions/rules@2022-10-01-preview' = [for (s, i) in topology.subscriptions: {
  parent: subscriptions[i]
  name: '$Default'
  properties: {
    filterType: 'SqlFilter'
    sqlFilter: {
      sqlExpression: s.sqlFilter
    }
  }
}]

output namespaceName string = namespace.name
output namespaceHost string = '${namespace.name}.servicebus.windows.net'
output topicName string = topic.name
