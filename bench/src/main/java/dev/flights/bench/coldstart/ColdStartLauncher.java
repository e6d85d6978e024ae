package dev.flights.bench.coldstart;

import com.microsoft.azure.functions.ExecutionContext;
import com.microsoft.azure.functions.HttpMethod;
import com.microsoft.azure.functions.HttpRequestMessage;
import com.microsoft.azure.functions.HttpResponseMessage;
import java.io.PrintStream;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.logging.Logger;
import org.springframework.cloud.function.adapter.azure.AzureFunctionInstanceInjector;

/**
 * What a cold-started JVM runs (see {@link ColdStartBench}): as the Java worker does, it gets the function class's
 * instance through the Spring adapter's {@link AzureFunctionInstanceInjector} (which starts the app MAIN_CLASS
 * names), then invokes one HTTP function once and prints {@code ANSWERED <status>}; then it halts, so that no
 * shutdown hook's time is counted. Arguments: the function class, the method, the route, then {@code header:K=V}
 * and {@code query:K=V}. Its protocol lines go to the standard output the bench reads: this is a bench's child
 * process, not a function app.
 */
public final class ColdStartLauncher {

    private ColdStartLauncher() {
    }

    public static void main(String[] args) throws Exception {
        PrintStream protocol = System.out;
        Class<?> functionClass = Class.forName(args[0]);
        Object instance = new AzureFunctionInstanceInjector().getInstance(functionClass);
        Map<String, String> headers = new LinkedHashMap<>();
        Map<String, String> query = new LinkedHashMap<>();
        for (int i = 3; i < args.length; i++) {
            String arg = args[i];
            int equals = arg.indexOf('=');
            if (arg.startsWith("header:")) {
                headers.put(arg.substring("header:".length(), equals), arg.substring(equals + 1));
            } else if (arg.startsWith("query:")) {
                query.put(arg.substring("query:".length(), equals), arg.substring(equals + 1));
            }
        }
        Method function = functionClass.getMethod(args[1], HttpRequestMessage.class, ExecutionContext.class);
        HttpResponseMessage response;
        try {
            response = (HttpResponseMessage) function.invoke(instance,
                    new WorkerHttpRequest(HttpMethod.GET, args[2], headers, query), context(args[1]));
        } catch (InvocationTargetException e) {
            throw (Exception) e.getCause();
        }
        protocol.println("ANSWERED " + response.getStatusCode());
        protocol.flush();
        Runtime.getRuntime().halt(0);
    }

    private static ExecutionContext context(String functionName) {
        Logger logger = Logger.getLogger("Host.Function.Console");
        return new ExecutionContext() {
            @Override
            public Logger getLogger() {
                return logger;
            }

            @Override
            public String getInvocationId() {
                return "cold-start";
            }

            @Override
            public String getFunctionName() {
                return functionName;
            }
        };
    }
}
