package dev.flights.localhost.openapi;

import com.microsoft.azure.functions.HttpMethod;
import com.microsoft.azure.functions.annotation.HttpTrigger;
import dev.flights.localhost.discovery.FunctionApp;
import dev.flights.localhost.discovery.FunctionDefinition;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The HTTP functions the annotations declare, found as the local host finds them, set against the document's
 * operations served by an app: each must be in the other, with the same method, path, function name and app.
 */
final class RouteCoverage {

    /** One HTTP route a function serves, as the document names it. */
    record Route(String method, String path, String function, String app) {

        @Override
        public String toString() {
            return method + " " + path + " (" + function + " in " + app + ")";
        }
    }

    private RouteCoverage() {
    }

    static List<Route> routesOf(List<FunctionApp> apps) {
        List<Route> routes = new ArrayList<>();
        for (FunctionDefinition function : apps.stream().flatMap(a -> a.functions().stream()).toList()) {
            if (function.trigger() instanceof HttpTrigger trigger) {
                // as the Functions host reads the trigger: no methods means all of them, no route the function name
                List<HttpMethod> methods = trigger.methods().length == 0 ? List.of(HttpMethod.values())
                        : Arrays.asList(trigger.methods());
                String route = trigger.route().isEmpty() ? function.name() : trigger.route();
                methods.forEach(m -> routes.add(new Route(m.name(), "/api/" + route, function.name(), function.app())));
            }
        }
        return routes;
    }

    /** What is wrong between the functions and the document; empty when each says what the other does. */
    static List<String> mismatches(List<Route> functions, ApiContract contract) {
        Set<String> apps = functions.stream().map(Route::app).collect(Collectors.toSet());
        Map<String, Route> declared = index(functions, Route::toString);
        Map<String, Route> documented = index(contract.operations().stream()
                .filter(o -> !o.localHostOnly() && apps.contains(o.servedBy()))
                .map(o -> new Route(o.method(), o.path(), o.operationId(), o.servedBy())).toList(), Route::toString);
        Set<String> problems = new TreeSet<>();
        declared.keySet().stream().filter(k -> !documented.containsKey(k))
                .forEach(k -> problems.add("a function serves " + k + " but the document does not describe it"));
        documented.keySet().stream().filter(k -> !declared.containsKey(k))
                .forEach(k -> problems.add("the document describes " + k + " but no function serves it"));
        for (Operation operation : contract.operations()) {
            boolean servedByAnApp = apps.contains(operation.servedBy());
            if (!servedByAnApp && operation.path().startsWith("/api/") && !operation.localHostOnly()) {
                problems.add(operation + " is under /api but says no app serves it (x-served-by: "
                        + operation.servedBy() + ")");
            }
        }
        return List.copyOf(problems);
    }

    private static Map<String, Route> index(List<Route> routes, Function<Route, String> key) {
        return routes.stream().collect(Collectors.toMap(key, r -> r, (a, b) -> a));
    }
}
