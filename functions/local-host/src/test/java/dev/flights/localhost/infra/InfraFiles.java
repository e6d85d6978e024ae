package dev.flights.localhost.infra;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;

/**
 * The text of infra/'s files by their path under infra/ ({@code main.bicep}, {@code modules/cosmos.bicep},
 * {@code generated/topology.json}), so a test can hand the cross-check a copy with one change.
 */
record InfraFiles(Map<String, String> texts) {

    static final String MAIN = "main.bicep";
    static final String COSMOS = "modules/cosmos.bicep";
    static final String FUNCTION_APP = "modules/functionapp.bicep";
    static final String SERVICE_BUS = "modules/servicebus.bicep";
    static final String FRONT_DOOR = "modules/frontdoor.bicep";
    static final String MONITORING = "modules/monitoring.bicep";
    static final String TOPOLOGY = "generated/topology.json";

    /** The repository's infra/ folder (the tests run in functions/local-host). */
    static final Path DIRECTORY = Path.of("../../infra");

    static InfraFiles ofRepository() {
        Map<String, String> texts = new TreeMap<>();
        try (Stream<Path> files = Files.walk(DIRECTORY)) {
            for (Path file : files.filter(InfraFiles::isInfraSource).toList()) {
                texts.put(DIRECTORY.relativize(file).toString().replace('\\', '/'), Files.readString(file));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("infra/ is part of the repository", e);
        }
        return new InfraFiles(Map.copyOf(texts));
    }

    private static boolean isInfraSource(Path file) {
        String name = file.toString().replace('\\', '/');
        return !name.contains("/node_modules/") && (name.endsWith(".bicep") || name.endsWith("/" + TOPOLOGY));
    }

    String text(String path) {
        String text = texts.get(path);
        if (text == null) {
            throw new IllegalArgumentException("no infra/" + path);
        }
        return text;
    }

    /** A copy with one file changed; the change must change something, or the test that uses it proves nothing. */
    InfraFiles with(String path, UnaryOperator<String> change) {
        String changed = change.apply(text(path));
        if (changed.equals(text(path))) {
            throw new IllegalArgumentException("the change left infra/" + path + " as it was");
        }
        Map<String, String> copy = new TreeMap<>(texts);
        copy.put(path, changed);
        return new InfraFiles(Map.copyOf(copy));
    }

    /** A problem for each fragment the file lacks. */
    List<String> missing(String path, String... fragments) {
        String text = text(path);
        return java.util.Arrays.stream(fragments).filter(fragment -> !text.contains(fragment))
                .map(fragment -> path + ": missing " + fragment).toList();
    }
}
