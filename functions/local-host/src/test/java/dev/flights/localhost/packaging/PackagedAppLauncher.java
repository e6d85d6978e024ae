package dev.flights.localhost.packaging;

import com.microsoft.azure.functions.ExecutionContext;
import com.microsoft.azure.functions.HttpRequestMessage;
import com.microsoft.azure.functions.HttpResponseMessage;
import dev.flights.platform.auth.ClientPrincipal;
import dev.flights.platform.auth.PrincipalHeaders;
import dev.flights.platform.inprocess.InProcessHttpRequest;
import java.lang.reflect.InvocationTargetException;
import java.util.List;
import java.util.Map;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.springframework.cloud.function.adapter.azure.AzureFunctionInstanceInjector;

/**
 * The entry point {@link PackagedAppIT} runs in a fresh JVM on a packaged app's class path (the app jar, its lib/
 * and the library the worker provides), as the Java worker loads it: it gets a function class through the Spring
 * adapter's instance injector and, when asked, calls one HTTP function with an execution context whose logger
 * prints what the worker would send the host. Arguments: the function class, then optionally the method and a
 * correlation id. Prints {@code REFUSED}, {@code STARTED}, {@code RECORD} and {@code STATUS} lines.
 */
public final class PackagedAppLauncher {

    private PackagedAppLauncher() {
    }

    public static void main(String[] args) throws Exception {
        Class<?> functionClass = Class.forName(args[0]);
        long start = System.nanoTime();
        Object instance;
        try {
            instance = new AzureFunctionInstanceInjector().getInstance(functionClass);
        } catch (Exception e) {
            for (Throwable cause = e; cause != null; cause = cause.getCause()) {
                System.out.println("REFUSED " + cause.getMessage());
            }
            System.exit(3);
            return;
        }
        System.out.println("STARTED in " + (System.nanoTime() - start) / 1_000_000 + " ms");
        if (args.length > 2) {
            HttpResponseMessage response = (HttpResponseMessage) invoke(instance,
                    functionClass.getMethod(args[1], HttpRequestMessage.class, ExecutionContext.class), args[2]);
            System.out.println("STATUS " + response.getStatusCode());
        }
        System.exit(0);
    }

    private static Object invoke(Object instance, java.lang.reflect.Method function, String correlationId)
            throws Exception {
        HttpRequestMessage<?> request = InProcessHttpRequest.post("/api/reservations",
                "{\"userId\":\"ew\",\"flightId\":\"KE123\"}",
                Map.of("Content-Type", "application/json", "x-correlation-id", correlationId))
                .withHeaders(PrincipalHeaders.of(ClientPrincipal.entra("ew", "ew", List.of()), "ew", "ew"));
        try {
            return function.invoke(instance, request, printing(function.getName()));
        } catch (InvocationTargetException e) {
            throw (Exception) e.getCause();
        }
    }

    private static ExecutionContext printing(String functionName) {
        Logger logger = Logger.getAnonymousLogger();
        logger.setUseParentHandlers(false);
        logger.setLevel(Level.ALL);
        logger.addHandler(new Handler() {
            @Override
            public void publish(LogRecord record) {
                System.out.println("RECORD " + record.getLevel() + " " + record.getMessage());
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        });
        return new ExecutionContext() {
            @Override
            public Logger getLogger() {
                return logger;
            }

            @Override
            public String getInvocationId() {
                return "packaged-invocation";
            }

            @Override
            public String getFunctionName() {
                return functionName;
            }
        };
    }
}
