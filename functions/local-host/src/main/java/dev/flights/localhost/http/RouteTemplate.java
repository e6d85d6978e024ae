package dev.flights.localhost.http;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/** An HTTP trigger route such as {@code reservations/{id}/cancel}; a {@code {name:constraint}} keeps its name. */
public record RouteTemplate(String template, List<String> segments) {

    public static RouteTemplate parse(String template) {
        return new RouteTemplate(template, split(template));
    }

    /** The route values when {@code path} (below /api/) matches, empty otherwise. */
    public Optional<Map<String, String>> match(String path) {
        return match(split(path));
    }

    /** The same for a path already split into its segments ({@link #split}), to split once for every route. */
    public Optional<Map<String, String>> match(List<String> parts) {
        if (parts.size() != segments.size()) {
            return Optional.empty();
        }
        Map<String, String> values = new HashMap<>();
        for (int i = 0; i < parts.size(); i++) {
            String segment = segments.get(i);
            if (segment.startsWith("{") && segment.endsWith("}")) {
                String name = segment.substring(1, segment.length() - 1).split(":")[0];
                values.put(name, parts.get(i));
            } else if (!segment.equalsIgnoreCase(parts.get(i))) {
                return Optional.empty();
            }
        }
        return Optional.of(values);
    }

    /** A path's segments, without leading, trailing or doubled slashes. */
    public static List<String> split(String path) {
        return List.of(SLASHES.split(EDGE_SLASHES.matcher(path).replaceAll("")));
    }

    private static final Pattern EDGE_SLASHES = Pattern.compile("^/+|/+$");
    private static final Pattern SLASHES = Pattern.compile("/+");
}
