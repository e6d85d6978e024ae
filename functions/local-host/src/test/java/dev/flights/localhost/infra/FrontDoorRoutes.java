package dev.flights.localhost.infra;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where Front Door sends a request, as modules/frontdoor.bicep declares it: the route whose pattern matches the path
 * most specifically (an exact pattern before a wildcard, a longer wildcard before a shorter), then the rules of that
 * route's rule set, which may send a method elsewhere ({@code RouteConfigurationOverride}).
 */
final class FrontDoorRoutes {

    private record Route(String app, List<String> patterns) {
    }

    /** A rule: requests with this method on this path go to another origin group. */
    private record MethodRule(String method, String path, String app) {
    }

    private static final Pattern RULE = Pattern.compile(
            "'Microsoft\\.Cdn/profiles/ruleSets/rules@[^']+' = \\{(.*?)\\n}", Pattern.DOTALL);
    private static final Pattern METHOD = Pattern.compile(
            "name: 'RequestMethod'.*?matchValues: \\['([A-Z]+)'\\]", Pattern.DOTALL);
    private static final Pattern PATH = Pattern.compile(
            "name: 'UrlPath'.*?operator: 'Equal'\\s+matchValues: \\['([^']*)'\\]", Pattern.DOTALL);
    private static final Pattern OVERRIDE = Pattern.compile("originGroup: \\{\\s+id: originGroups\\[(\\d+)\\]\\.id");
    private static final Pattern RULES_ON = Pattern.compile("ruleSets: r\\.app == '([^']+)'");

    private final List<Route> routes = new ArrayList<>();
    private final List<MethodRule> rules = new ArrayList<>();
    private final String appWithRules;

    FrontDoorRoutes(String frontDoorBicep) {
        for (Object route : (List<?>) BicepLiterals.variable(frontDoorBicep, "routes")) {
            Map<?, ?> r = (Map<?, ?>) route;
            routes.add(new Route((String) r.get("app"),
                    ((List<?>) r.get("patterns")).stream().map(String.class::cast).toList()));
        }
        Matcher rulesOn = RULES_ON.matcher(frontDoorBicep);
        appWithRules = rulesOn.find() ? rulesOn.group(1) : "";
        Matcher rule = RULE.matcher(frontDoorBicep);
        while (rule.find()) {
            Matcher method = METHOD.matcher(rule.group(1));
            Matcher path = PATH.matcher(rule.group(1));
            Matcher target = OVERRIDE.matcher(rule.group(1));
            if (method.find() && path.find() && target.find()) {
                rules.add(new MethodRule(method.group(1), "/" + path.group(1),
                        routes.get(Integer.parseInt(target.group(1))).app()));
            }
        }
    }

    /** The app a request reaches, or empty when no route matches. */
    Optional<String> appFor(String method, String path) {
        Optional<Route> route = routes.stream()
                .flatMap(r -> r.patterns().stream().filter(p -> matches(p, path)).map(p -> Map.entry(p, r)))
                .max(Comparator.comparing(entry -> specificity(entry.getKey())))
                .map(Map.Entry::getValue);
        if (route.isPresent() && route.get().app().equals(appWithRules)) {
            for (MethodRule rule : rules) {
                if (rule.method().equals(method) && rule.path().equalsIgnoreCase(path)) {
                    return Optional.of(rule.app());
                }
            }
        }
        return route.map(Route::app);
    }

    private static boolean matches(String pattern, String path) {
        return pattern.endsWith("/*") ? path.startsWith(pattern.substring(0, pattern.length() - 1))
                : pattern.equalsIgnoreCase(path);
    }

    private static int specificity(String pattern) {
        return pattern.endsWith("/*") ? pattern.length() : Integer.MAX_VALUE;
    }
}
