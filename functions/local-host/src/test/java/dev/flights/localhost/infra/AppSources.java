package dev.flights.localhost.infra;

import dev.flights.platform.store.ContainerLayout;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * What an app's main sources say about its containers (compiled code inlines the {@link ContainerLayout}
 * constants, so they are read from the sources): the containers it names, and its queries that filter on one
 * field and order by another, which need a composite index.
 */
record AppSources(Set<String> containers, List<OrderedQuery> orderedQueries) {

    /** {@code WHERE c.<filter> = … ORDER BY c.<orderBy> DESC} on a container. */
    record OrderedQuery(String container, String filter, String orderBy) {
    }

    private static final Pattern CONTAINER = Pattern.compile("ContainerLayout\\.([A-Z_]+)");
    private static final Pattern FILTER = Pattern.compile("DocumentQuery\\.where\\(\"(\\w+)\"");
    private static final Pattern ORDER = Pattern.compile("newestFirstBy\\(\"(\\w+)\"\\)");

    /** The sources of functions/&lt;app&gt; (the tests run in functions/local-host). */
    static AppSources of(String app) {
        Set<String> containers = new TreeSet<>();
        List<OrderedQuery> queries = new ArrayList<>();
        try (Stream<Path> files = Files.walk(Path.of("..", app, "src", "main", "java"))) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                String source = Files.readString(file);
                Set<String> named = matches(CONTAINER, source).stream().map(AppSources::container)
                        .collect(java.util.stream.Collectors.toCollection(TreeSet::new));
                containers.addAll(named);
                for (String filter : matches(FILTER, source)) {
                    for (String order : matches(ORDER, source)) {
                        named.forEach(container -> queries.add(new OrderedQuery(container, filter, order)));
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("functions/" + app + " has main sources", e);
        }
        return new AppSources(containers, List.copyOf(queries));
    }

    private static List<String> matches(Pattern pattern, String source) {
        List<String> found = new ArrayList<>();
        Matcher matcher = pattern.matcher(source);
        while (matcher.find()) {
            found.add(matcher.group(1));
        }
        return found;
    }

    private static String container(String constant) {
        try {
            Field field = ContainerLayout.class.getField(constant);
            if (!Modifier.isStatic(field.getModifiers()) || field.getType() != String.class) {
                throw new IllegalStateException("ContainerLayout." + constant + " is not a container name");
            }
            return (String) field.get(null);
        } catch (NoSuchFieldException | IllegalAccessException e) {
            throw new IllegalStateException("ContainerLayout has no container " + constant, e);
        }
    }
}
