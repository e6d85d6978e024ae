package dev.flights.bench.coldstart.minimal;

import com.microsoft.azure.functions.ExecutionContext;
import com.microsoft.azure.functions.HttpMethod;
import com.microsoft.azure.functions.HttpRequestMessage;
import com.microsoft.azure.functions.HttpResponseMessage;
import com.microsoft.azure.functions.HttpStatus;
import com.microsoft.azure.functions.annotation.AuthorizationLevel;
import com.microsoft.azure.functions.annotation.FunctionName;
import com.microsoft.azure.functions.annotation.HttpTrigger;
import java.util.Optional;
import java.util.function.Function;
import org.springframework.stereotype.Component;

/** The minimal app's one HTTP function: {@code GET hello?name=} answered by the {@code hello} bean. */
@Component
public class HelloFunctions {

    private final Function<String, String> hello;

    public HelloFunctions(Function<String, String> hello) {
        this.hello = hello;
    }

    @FunctionName("hello")
    public HttpResponseMessage hello(
            @HttpTrigger(name = "request", methods = {HttpMethod.GET}, route = "hello",
                    authLevel = AuthorizationLevel.ANONYMOUS) HttpRequestMessage<Optional<String>> request,
            ExecutionContext context) {
        String name = request.getQueryParameters().getOrDefault("name", "world");
        return request.createResponseBuilder(HttpStatus.OK).header("Content-Type", "text/plain")
                .body(hello.apply(name)).build();
    }
}
