package dev.flights.platform.spring;

import java.util.List;

/**
 * An app started without the settings that connect it to Azure (and without {@code FLIGHTS_IN_PROCESS=true}), or
 * without the settings its authentication mode needs.
 */
public final class MissingSettingsException extends IllegalStateException {

    private final List<String> settings;
    private final boolean inProcessHelps;

    public MissingSettingsException(List<String> settings) {
        this(settings, "Without them this app has no store or no topic; set " + RequiredSettings.IN_PROCESS
                + "=true only to run it on the in-process store and topic (local runs and tests)", true);
    }

    /** {@code consequence} says what the app could not do without them, and what else may be set. */
    public MissingSettingsException(List<String> settings, String consequence) {
        this(settings, consequence, false);
    }

    private MissingSettingsException(List<String> settings, String consequence, boolean inProcessHelps) {
        super("missing app settings: " + String.join(", ", settings) + ". " + consequence);
        this.settings = List.copyOf(settings);
        this.inProcessHelps = inProcessHelps;
    }

    /** True when {@code FLIGHTS_IN_PROCESS=true} stands in for the settings on a local run. */
    public boolean inProcessHelps() {
        return inProcessHelps;
    }

    public List<String> settings() {
        return settings;
    }
}
