// One app's Cosmos DB roles, each scoped to one container: the built-in Data Contributor on the containers it
// writes, the built-in Data Reader on a container whose change feed it reads. Nothing at account or database scope.
param accountName string
param databaseName string
param principalId string
param writes array
param reads array

var dataReader = '00000000-0000-0000-0000-000000000001'
var dataContributor = '00000000-0000-0000-0000-000000000002'

resource account 'Microsoft.DocumentDB/databaseAccounts@2024-05-15' existing = {
  name: accountName
}

// Cosmos DB takes one role assignment write at a time per account
@batchSize(1)
resource contributor 'Microsoft.DocumentDB/databaseAccounts/sqlRoleAssignments@2024-05-15' = [for container in writes: {
  parent: account
  name: guid(account.id, container, principalId, dataContributor)
  properties: {
    roleDefinitionId: '${account.id}/sqlRoleDefinitions/${dataContributor}'
    principalId: principalId
    scope: '${account.id}/dbs/${databaseName}/colls/${container}'
  }
}]

@batchSize(1)
resource reader 'Microsoft.DocumentDB/databaseAccounts/sqlRoleAssignments@2024-05-15' = [for container in reads: {
  parent: account
  name: guid(account.id, container, principalId, dataReader)
  properties: {
    roleDefinitionId: '${account.id}/sqlRoleDefinitions/${dataReader}'
    principalId: principalId
    scope: '${account.id}/dbs/${databaseName}/colls/${container}'
  }
}]
