package dev.flights.localhost.infra;

import dev.flights.contract.topology.Subscriptions;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * infra/generated/topology.json: the topic, the maximum delivery count and each subscription's SQL filter as the
 * contract's {@link Subscriptions} generates them, for modules/servicebus.bicep to load ({@code loadJsonContent}).
 * Bicep cannot run Java, so the file is generated and {@link InfraCrossCheckTest} fails when it is stale.
 */
final class TopologyFile {

    private TopologyFile() {
    }

    static String render(Subscriptions topology) {
        String subscriptions = new TreeSet<>(topology.filters().keySet()).stream()
                .map(name -> "    {\n      \"name\": \"" + name + "\",\n      \"sqlFilter\": \""
                        + topology.sqlFilter(name).replace("\\", "\\\\").replace("\"", "\\\"") + "\"\n    }")
                .collect(Collectors.joining(",\n"));
        return "{\n  \"topic\": \"" + topology.topic() + "\",\n  \"maxDeliveryCount\": " + topology.maxDeliveryCount()
                + ",\n  \"subscriptions\": [\n" + subscriptions + "\n  ]\n}\n";
    }
}
