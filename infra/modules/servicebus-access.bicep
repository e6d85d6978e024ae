// One app's Service Bus roles: Data Sender on the topic when its code sends, Data Receiver on its own subscription
// only (the trigger, and the dead-letter functions' peek, receive and complete). Nothing at namespace scope.
param namespaceName string
param topicName string
param principalId string
param sendsToTopic bool

@description('The subscription the app receives from; empty: none')
param receivesFrom string

var dataSender = '69a216fc-b8fb-44d8-bc22-1f3c2cd27a39'
var dataReceiver = '4f6d3b9b-027b-4f4c-9142-0e5a2a2247e0'

resource namespace 'Microsoft.ServiceBus/namespaces@2022-10-01-preview' existing = {
  name: namespaceName
}

resource topic 'Microsoft.ServiceBus/namespaces/topics@2022-10-01-preview' existing = {
  parent: namespace
  name: topicName
}

// only referenced (by the receiver role's scope) when the app receives
resource subscription 'Microsoft.ServiceBus/namespaces/topics/subscriptions@2022-10-01-preview' existing = {
  parent: topic
  name: empty(receivesFrom) ? 'none' : receivesFrom
}

resource sender 'Microsoft.Authorization/roleAssignments@2022-04-01' = if (sendsToTopic) {
  scope: topic
  name: guid(topic.id, principalId, dataSender)
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', dataSender)
    principalId: principalId
    principalType: 'ServicePrincipal'
  }
}

resource receiver 'Microsoft.Authorization/roleAssignments@2022-04-01' = if (!empty(receivesFrom)) {
  scope: subscription
  name: guid(topic.id, receivesFrom, principalId, dataReceiver)
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', dataReceiver)
    principalId: principalId
    principalType: 'ServicePrincipal'
  }
}
