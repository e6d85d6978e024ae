// One host name for the page and the API (Azure Front Door Standard): an origin group per app, a route per app by
// path, and a rule set for what a path alone cannot decide. POST /api/reservations (reserve) and
// GET /api/reservations (reservation-view) share a path: the route sends it to reservation-view and the rule
// "reserveOnPost" overrides the origin group for POST. Nothing is cached: every answer is per customer.
param profileName string
param endpointName string

@description('Default host name of each app, by app name')
param appHostNames object

// the paths each app serves (Front Door matches the most specific pattern across routes)
var routes = [
  {
    app: 'reserve'
    patterns: ['/api/reservations/*', '/api/ops/dead-letters/reserve', '/api/ops/dead-letters/reserve/*']
  }
  {
    app: 'pay'
    patterns: ['/api/accounts/*', '/api/ops/dead-letters/pay', '/api/ops/dead-letters/pay/*']
  }
  {
    app: 'issue-ticket'
    patterns: ['/api/ops/dead-letters/issue-ticket', '/api/ops/dead-letters/issue-ticket/*']
  }
  {
    app: 'notify'
    patterns: ['/api/notifications', '/api/notifications/*', '/api/ops/dead-letters/notify', '/api/ops/dead-letters/notify/*']
  }
  {
    app: 'reservation-view'
    patterns: ['/', '/api/page', '/api/reservations', '/.auth/*']
  }
]

resource profile 'Microsoft.Cdn/profiles@2024-02-01' existing = {
  name: profileName
}

resource endpoint 'Microsoft.Cdn/profiles/afdEndpoints@2024-02-01' existing = {
  parent: profile
  name: endpointName
}

resource originGroups 'Microsoft.Cdn/profiles/originGroups@2024-02-01' = [for r in routes: {
  parent: profile
  name: 'og-${r.app}'
  properties: {
    loadBalancingSettings: {
      sampleSize: 4
      successfulSamplesRequired: 3
      additionalLatencyInMilliseconds: 50
    }
    sessionAffinityState: 'Disabled'
  }
}]

resource origins 'Microsoft.Cdn/profiles/originGroups/origins@2024-02-01' = [for (r, i) in routes: {
  parent: originGroups[i]
  name: r.app
  properties: {
    hostName: appHostNames[r.app]
    originHostHeader: appHostNames[r.app]
    httpsPort: 443
    priority: 1
    weight: 1000
    enforceCertificateNameCheck: true
  }
}]

resource ruleSet 'Microsoft.Cdn/profiles/ruleSets@2024-02-01' = {
  parent: profile
  name: 'byMethod'
}

// POST /api/reservations is reserve's, although the route of /api/reservations is reservation-view's
resource reserveOnPost 'Microsoft.Cdn/profiles/ruleSets/rules@2024-02-01' = {
  parent: ruleSet
  name: 'reserveOnPost'
  properties: {
    order: 1
    conditions: [
      {
        name: 'RequestMethod'
        parameters: {
          typeName: 'DeliveryRuleRequestMethodConditionParameters'
          operator: 'Equal'
          matchValues: ['POST']
          negateCondition: false
        }
      }
      {
        name: 'UrlPath'
        parameters: {
          typeName: 'DeliveryRuleUrlPathMatchConditionParameters'
          // Front Door compares the path without its leading slash
          operator: 'Equal'
          matchValues: ['api/reservations']
          transforms: ['Lowercase']
          negateCondition: false
        }
      }
    ]
    actions: [
      {
        name: 'RouteConfigurationOverride'
        parameters: {
          typeName: 'DeliveryRuleRouteConfigurationOverrideActionParameters'
          originGroupOverride: {
            originGroup: {
              id: originGroups[0].id
            }
            forwardingProtocol: 'HttpsOnly'
          }
        }
      }
    ]
    matchProcessingBehavior: 'Stop'
  }
  dependsOn: [
    origins
  ]
}

// the page at the root of the host name
resource pageAtRoot 'Microsoft.Cdn/profiles/ruleSets/rules@2024-02-01' = {
  parent: ruleSet
  name: 'pageAtRoot'
  properties: {
    order: 2
    conditions: [
      {
        name: 'UrlPath'
        parameters: {
          typeName: 'DeliveryRuleUrlPathMatchConditionParameters'
          operator: 'Equal'
          matchValues: ['']
          negateCondition: false
        }
      }
    ]
    actions: [
      {
        name: 'UrlRewrite'
        parameters: {
          typeName: 'DeliveryRuleUrlRewriteActionParameters'
          sourcePattern: '/'
          destination: '/api/page'
          preserveUnmatchedPath: false
        }
      }
    ]
    matchProcessingBehavior: 'Stop'
  }
}

@batchSize(1)
resource afdRoutes 'Microsoft.Cdn/profiles/afdEndpoints/routes@2024-02-01' = [for (r, i) in routes: {
  parent: endpoint
  name: 'route-${r.app}'
  properties: {
    originGroup: {
      id: originGroups[i].id
    }
    patternsToMatch: r.patterns
    ruleSets: r.app == 'reservation-view' ? [{ id: ruleSet.id }] : []
    supportedProtocols: ['Http', 'Https']
    httpsRedirect: 'Enabled'
    forwardingProtocol: 'HttpsOnly'
    linkToDefaultDomain: 'Enabled'
    enabledState: 'Enabled'
  }
  dependsOn: [
    origins
    reserveOnPost
    pageAtRoot
  ]
}]
