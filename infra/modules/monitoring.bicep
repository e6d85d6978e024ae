// Log Analytics and one Application Insights for the five apps. Local authentication is off: telemetry is accepted
// only with an Entra token (each app's identity holds Monitoring Metrics Publisher, see functionapp.bicep), so the
// connection string the apps get names the resource but cannot ingest by itself.
param location string
param tags object
param suffix string

resource workspace 'Microsoft.OperationalInsights/workspaces@2023-09-01' = {
  name: 'log-flights-${suffix}'
  location: location
  tags: tags
  properties: {
    sku: {
      name: 'PerGB2018'
    }
    retentionInDays: 30
  }
}

resource applicationInsights 'Microsoft.Insights/components@2020-02-02' = {
  name: 'appi-flights-${suffix}'
  location: location
  tags: tags
  kind: 'web'
  properties: {
    Application_Type: 'web'
    WorkspaceResourceId: workspace.id
    DisableLocalAuth: true
  }
}

output applicationInsightsName string = applicationInsights.name
