package dev.flights.pay.functions;

import static dev.flights.platform.testing.AzureWorker.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.azure.functions.HttpResponseMessage;
import dev.flights.pay.PayApplication;
import dev.flights.platform.inprocess.InProcessExecutionContext;
import dev.flights.platform.inprocess.InProcessHttpRequest;
import dev.flights.platform.testing.SignedIn;
import dev.flights.platform.testing.AzureWorker;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import dev.flights.platform.testing.DebugLogging;
import dev.flights.platform.testing.RecordingExecutionContext;

/** The function classes as the Azure Java worker gets them (see {@link AzureWorker}). */
class AzureWorkerInvocationTest {

    @RegisterExtension
    static final AzureWorker WORKER = AzureWorker.forApp(PayApplication.class);

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

    @Test
    void theInjectedDeadLetterFunctionsReadThePaySubscriptionAndRefuseABadResubmission() throws Exception {
        DeadLetterFunctions functions = WORKER.instance(DeadLetterFunctions.class);

        HttpResponseMessage listed = functions.list(SignedIn.asAdmin(InProcessHttpRequest.get(
                "/api/ops/dead-letters/pay", Map.of())), InProcessExecutionContext.of("listPayDeadLetters"));
        HttpResponseMessage refused = functions.resubmit(SignedIn.asAdmin(InProcessHttpRequest.post(
                "/api/ops/dead-letters/pay/resubmit", "{\"all\": false}", Map.of())),
                InProcessExecutionContext.of("resubmitPayDeadLetters"));

        assertThat(listed.getStatusCode()).isEqualTo(200);
        assertThat(json(listed).path("subscription").asText()).isEqualTo("pay");
        assertThat(json(listed).path("items").isArray()).isTrue();
        assertThat(refused.getStatusCode()).isEqualTo(400);
        assertThat(json(refused).path("errors").get(0).path("field").asText()).isEqualTo("all");
    }

    @Test
    void theAppsLogLinesReachTheInvocationsLoggerWithTheRequestsCorrelationId() throws Exception {
        RecordingExecutionContext invocation = new RecordingExecutionContext("deposit");

        DebugLogging.during(() -> WORKER.instance(AccountFunctions.class).deposit(SignedIn.as("logged",
                InProcessHttpRequest.post("/api/accounts/logged/deposits", "{\"amount\": 40}",
                        Map.of("x-correlation-id", "corr-pay-log"))), "logged", invocation));

        assertThat(invocation.messages()).contains("[corr-pay-log] DepositMoney: logged deposited 40, balance 40");
    }

    private static HttpResponseMessage deposit(String userId, String body) throws Exception {
        return WORKER.instance(AccountFunctions.class).deposit(
                SignedIn.as(userId, InProcessHttpRequest.post("/api/accounts/" + userId + "/deposits", body, Map.of())),
                userId,
                InProcessExecutionContext.of("deposit"));
    }

}
