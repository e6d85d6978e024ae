package dev.flights.platform.spring;

import java.util.List;

/**
 * An app started without the settings that connect it to Azure (and without {@code FLIGHTS_IN_PROCESS=true}), or
 * without the settings its authentication mode needs.
 */
public final class MissingSettingsException extends IllegalStateException {

    private final List<String> settings;

    public MissingSettingsException(List<String> settings) {
        this(settings, "Without them this app has no store or no topic; set " + RequiredSettings.IN_PROCESS
                + "=true only to run it on the in-process store and topic (local runs and tests)");
    }

    /** {@code consequence} says what the app could not do without them, and what else may be set. */
    public MissingSettingsException(List<String> settings, String consequence) {
        super("missing app settings: " + String.join(", ", settings) + ". " + consequence);
        this.settings = List.copyOf(settings);
    }

    public List<String> settings() {
        return settings;
    }
}
