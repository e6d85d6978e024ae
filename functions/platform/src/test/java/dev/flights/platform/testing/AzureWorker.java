package dev.flights.platform.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.microsoft.azure.functions.HttpResponseMessage;
import dev.flights.contract.codec.EventCodec;
import dev.flights.platform.correlation.Correlation;
import dev.flights.platform.spring.RequiredSettings;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.springframework.cloud.function.adapter.azure.AzureFunctionInstanceInjector;

/**
 * Gets function classes as the Azure Java worker does: through the Spring adapter's instance injector, which finds
 * the app through MAIN_CLASS (the environment variable, else this system property, else the manifest's
 * Start-Class). The injector keeps one static Spring context per JVM, so a module has one test class that uses it;
 * surefire runs each module in its own JVM. The app runs on the in-process store and topic
 * ({@code FLIGHTS_IN_PROCESS=true}, as a system property, which Spring reads like an app setting). Register with
 * {@code @RegisterExtension}.
 */
public final class AzureWorker implements BeforeAllCallback, AfterAllCallback, AfterEachCallback {

    private final Class<?> startClass;
    private final AzureFunctionInstanceInjector injector = new AzureFunctionInstanceInjector();

    private AzureWorker(Class<?> startClass) {
        this.startClass = startClass;
    }

    public static AzureWorker forApp(Class<?> startClass) {
        return new AzureWorker(startClass);
    }

    public <T> T instance(Class<T> functionClass) throws Exception {
        return injector.getInstance(functionClass);
    }

    public static JsonNode json(HttpResponseMessage response) throws Exception {
        return EventCodec.json().readTree((String) response.getBody());
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        System.setProperty("MAIN_CLASS", startClass.getName());
        System.setProperty(RequiredSettings.IN_PROCESS, "true");
    }

    @Override
    public void afterEach(ExtensionContext context) {
        Correlation.clear();
    }

    @Override
    public void afterAll(ExtensionContext context) {
        System.clearProperty("MAIN_CLASS");
        System.clearProperty(RequiredSettings.IN_PROCESS);
    }
}
