package dev.flights.bench.coldstart.minimal;

import java.util.function.Function;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;

/**
 * The minimal Spring Cloud Function Azure app the cold start of the apps is held beside: one function bean, the
 * {@code @SpringBootApplication} the adapter starts, nothing else. Run on its own class path (the adapter's, see
 * {@code ColdStartBench}), never with the apps.
 */
@SpringBootApplication
public class HelloApplication {

    @Bean
    public Function<String, String> hello() {
        return name -> "Hello, " + name;
    }
}
