package dev.flights.localhost.infra;

import dev.flights.contract.topology.Subscriptions;
import dev.flights.platform.store.ContainerLayout;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Holds the data side of infra/ to the code: the generated topology against the contract and the Service Bus
 * module's settings; every container the code uses with its partition key, time to live where outbox documents
 * expire, the composite index each ordered query needs, and lease containers with one lease set per trigger.
 */
final class DataCrossCheck {

    private final InfraFiles infra;
    private final List<CodeNeeds> apps;
    private final List<String> problems = new ArrayList<>();

    DataCrossCheck(InfraFiles infra, List<CodeNeeds> apps) {
        this.infra = infra;
        this.apps = apps;
    }

    List<String> problems() {
        checkTopology();
        Map<String, Map<?, ?>> containers = declaredContainers();
        Set<String> used = new TreeSet<>();
        apps.forEach(app -> {
            used.addAll(app.writes());
            used.addAll(app.reads());
        });
        for (String name : used) {
            Map<?, ?> container = containers.get(name);
            if (container == null) {
                problems.add(InfraFiles.COSMOS + ": no container " + name + ", which the code uses");
            } else if (!("/" + ContainerLayout.partitionKeyField(name)).equals(container.get("partitionKey"))) {
                problems.add(InfraFiles.COSMOS + ": container " + name + " is partitioned by "
                        + container.get("partitionKey") + ", the code by /" + ContainerLayout.partitionKeyField(name));
            }
        }
        containers.keySet().stream().filter(name -> !used.contains(name))
                .forEach(name -> problems.add(InfraFiles.COSMOS + ": container " + name + " is used by no code"));
        checkLeases(containers);
        checkIndexes(containers);
        problems.addAll(infra.missing(InfraFiles.COSMOS, "[for c in containers: {", "paths: [c.partitionKey]",
                "includedPaths: c.includedPaths", "compositeIndexes: c.compositeIndexes", "defaultTtl: -1",
                "disableLocalAuth: true"));
        return problems;
    }

    private void checkTopology() {
        Subscriptions contract = Subscriptions.load();
        if (!TopologyFile.render(contract).equals(infra.text(InfraFiles.TOPOLOGY).replace("\r\n", "\n"))) {
            problems.add(InfraFiles.TOPOLOGY + " is not what the contract's Subscriptions generates: run "
                    + "InfraCrossCheckTest with -Dinfra.regenerate=true and commit the file");
        }
        for (CodeNeeds app : apps) {
            if (!app.receivesFrom().isEmpty() && (!app.topic().equals(contract.topic())
                    || !contract.filters().containsKey(app.receivesFrom()))) {
                problems.add(app.app() + " receives from " + app.topic() + "/" + app.receivesFrom()
                        + ", which the topology does not create");
            }
        }
        Set<String> received = new TreeSet<>();
        apps.forEach(app -> received.add(app.receivesFrom()));
        contract.filters().keySet().stream().filter(subscription -> !received.contains(subscription))
                .forEach(subscription -> problems.add("subscription " + subscription + " has no consuming app: its "
                        + "messages would pile up"));
        problems.addAll(infra.missing(InfraFiles.SERVICE_BUS, "loadJsonContent('../generated/topology.json')",
                "name: topology.topic", "[for s in topology.subscriptions: {", "requiresSession: true",
                "maxDeliveryCount: topology.maxDeliveryCount", "deadLetteringOnMessageExpiration: true",
                "deadLetteringOnFilterEvaluationExceptions: true", "requiresDuplicateDetection: true",
                "enablePartitioning: false", "name: '$Default'", "sqlExpression: s.sqlFilter",
                "disableLocalAuth: true"));
    }

    private void checkLeases(Map<String, Map<?, ?>> containers) {
        Set<String> leaseSets = new HashSet<>();
        for (CodeNeeds app : apps) {
            for (CodeNeeds.LeaseSet lease : app.leaseSets()) {
                Map<?, ?> container = containers.get(lease.leaseContainer());
                if (container != null && !"/id".equals(container.get("partitionKey"))) {
                    problems.add(InfraFiles.COSMOS + ": lease container " + lease.leaseContainer()
                            + " must be partitioned by /id");
                }
                if (lease.prefix().isBlank() || !leaseSets.add(lease.monitored() + "|" + lease.leaseContainer()
                        + "|" + lease.prefix())) {
                    problems.add(lease.function() + " of " + app.app() + " shares the lease set '" + lease.prefix()
                            + "' on " + lease.leaseContainer() + ": two triggers would take each other's leases");
                }
                Map<?, ?> monitored = containers.get(lease.monitored());
                if (lease.outbox() && monitored != null && !Boolean.TRUE.equals(monitored.get("timeToLive"))) {
                    problems.add(InfraFiles.COSMOS + ": container " + lease.monitored() + " holds an outbox: its "
                            + "time to live must be on, or relayed outbox documents never expire");
                }
            }
        }
    }

    private void checkIndexes(Map<String, Map<?, ?>> containers) {
        for (CodeNeeds app : apps) {
            for (AppSources.OrderedQuery query : AppSources.of(app.app()).orderedQueries()) {
                Map<?, ?> container = containers.get(query.container());
                if (container == null) {
                    continue;
                }
                List<?> included = (List<?>) container.get("includedPaths");
                for (String field : List.of(query.filter(), query.orderBy())) {
                    boolean indexed = included.contains(Map.of("path", "/" + field + "/?"))
                            || included.contains(Map.of("path", "/*"));
                    if (!indexed) {
                        problems.add(InfraFiles.COSMOS + ": container " + query.container() + " does not index /"
                                + field + ", which " + app.app() + " queries");
                    }
                }
                List<Map<String, String>> composite = List.of(
                        Map.of("path", "/" + query.filter(), "order", "ascending"),
                        Map.of("path", "/" + query.orderBy(), "order", "descending"));
                if (!((List<?>) container.get("compositeIndexes")).contains(composite)) {
                    problems.add(InfraFiles.COSMOS + ": container " + query.container() + " needs the composite index "
                            + composite + " for " + app.app() + "'s ORDER BY " + query.orderBy());
                }
            }
        }
    }

    private Map<String, Map<?, ?>> declaredContainers() {
        String cosmos = infra.text(InfraFiles.COSMOS);
        Map<String, Map<?, ?>> containers = new LinkedHashMap<>();
        for (Object value : (List<?>) BicepLiterals.variable(cosmos, "containers")) {
            Map<Object, Object> container = new LinkedHashMap<>((Map<?, ?>) value);
            if (container.get("includedPaths") instanceof BicepLiterals.Expression reference) {
                container.put("includedPaths", BicepLiterals.variable(cosmos, reference.text()));
            }
            containers.put((String) container.get("name"), container);
        }
        return containers;
    }
}
