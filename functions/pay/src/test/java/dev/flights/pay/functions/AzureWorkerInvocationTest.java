package dev.flights.pay.functions;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.microsoft.azure.functions.HttpResponseMessage;
import dev.flights.contract.codec.EventCodec;
import dev.flights.pay.PayApplication;
import dev.flights.platform.inprocess.InProcessExecutionContext;
import dev.flights.platform.inprocess.InProcessHttpRequest;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.cloud.function.adapter.azure.AzureFunctionInstanceInjector;

/**
 * The function class as the Azure Java worker gets it: through the Spring adapter's instance injector, which finds
 * the app through MAIN_CLASS (the environment variable, else this system property, else the manifest's
 * Start-Class). The injector keeps one static Spring context per JVM, so this is the only test of this module
 * that uses it; surefire runs each module in its own JVM.
 */
class AzureWorkerInvocationTest {

    private static final AzureFunctionInstanceInjector INJECTOR = new AzureFunctionInstanceInjector();

    @BeforeAll
    static void theAppIsNamedAsTheWorkerNamesIt() {
        System.setProperty("MAIN_CLASS", PayApplication.class.getName());
    }

    @AfterAll
    static void forgetTheMainClass() {
        System.clearProperty("MAIN_CLASS");
    }

    @Test
    void theInjectedFunctionClassDepositsAndAnswersTheBalance() throws Exception {
        HttpResponseMessage first = deposit("azure-worker", "{\"amount\": 150}");
        HttpResponseMessage second = deposit("azure-worker", "{\"amount\": 25}");

        assertThat(first.getStatusCode()).isEqualTo(200);
        assertThat(json(first).path("balance").asLong()).isEqualTo(150);
        assertThat(second.getStatusCode()).isEqualTo(200);
        assertThat(json(second).path("balance").asLong()).isEqualTo(175);
    }

    @Test
    void theInjectedFunctionClassAnswersBadInputWithAProblem() throws Exception {
        HttpResponseMessage response = deposit("azure-worker-2", "{\"amount\": 0}");

        assertThat(response.getStatusCode()).isEqualTo(400);
        assertThat(response.getHeader("Content-Type")).isEqualTo("application/problem+json");
        assertThat(json(response).path("errors").get(0).path("field").asText()).isEqualTo("amount");
    }

    private static HttpResponseMessage deposit(String userId, String body) throws Exception {
        return INJECTOR.getInstance(AccountFunctions.class).deposit(
                InProcessHttpRequest.post("/api/accounts/" + userId + "/deposits", body, Map.of()), userId,
                InProcessExecutionContext.of("deposit"));
    }

    private static JsonNode json(HttpResponseMessage response) throws Exception {
        return EventCodec.json().readTree((String) response.getBody());
    }
}
