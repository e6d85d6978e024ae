package dev.flights.localhost.http;

import com.microsoft.azure.functions.HttpMethod;
import com.microsoft.azure.functions.annotation.HttpTrigger;
import dev.flights.localhost.triggers.FunctionInvoker;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/** An HTTP-triggered function served under /api/{route}. */
public record HttpRoute(String app, RouteTemplate template, Set<HttpMethod> methods, FunctionInvoker invoker) {

    public static HttpRoute of(FunctionInvoker invoker) {
        HttpTrigger trigger = (HttpTrigger) invoker.definition().trigger();
        Set<HttpMethod> methods = trigger.methods().length == 0 ? EnumSet.allOf(HttpMethod.class)
                : EnumSet.copyOf(List.of(trigger.methods()));
        String route = trigger.route().isEmpty() ? invoker.definition().name() : trigger.route();
        return new HttpRoute(invoker.definition().app(), RouteTemplate.parse(route), methods, invoker);
    }

    /** Routes with more literal segments win, as in the Functions host. */
    int literalSegments() {
        return (int) template.segments().stream().filter(s -> !s.startsWith("{")).count();
    }
}
