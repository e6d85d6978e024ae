package dev.flights.platform.spring;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** Spring Boot's start-failure report for missing settings: what is missing and what to set, without a stack trace. */
final class MissingSettingsFailureAnalyzer extends AbstractFailureAnalyzer<MissingSettingsException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, MissingSettingsException cause) {
        return new FailureAnalysis(cause.getMessage(),
                "Set " + String.join(", ", cause.settings()) + " in the app settings (locally in"
                        + " local.settings.json)" + (cause.inProcessHelps()
                                ? ", or " + RequiredSettings.IN_PROCESS + "=true for a local run" : ""),
                cause);
    }
}
