package dev.flights.localhost.discovery;

import java.util.List;

/** One function app: its name (reserve, pay, …), its Spring start class and its functions. */
public record FunctionApp(String name, Class<?> startClass, List<FunctionDefinition> functions) {
}
