package dev.flights.localhost.discovery;

import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.azure.functions.annotation.AuthorizationLevel;
import com.microsoft.azure.functions.annotation.CosmosDBTrigger;
import com.microsoft.azure.functions.annotation.ExponentialBackoffRetry;
import com.microsoft.azure.functions.annotation.HttpTrigger;
import com.microsoft.azure.functions.annotation.ServiceBusTopicTrigger;
import dev.flights.contract.topology.Subscriptions;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The apps and functions found through the annotations are the ones the README's "How it flows" and "Try it" describe. */
class AppDiscoveryTest {

    private final List<FunctionApp> apps = new AppDiscovery("dev.flights").discover();
    private final List<FunctionDefinition> functions = apps.stream().flatMap(a -> a.functions().stream()).toList();

    @Test
    void findsTheFiveAppsByTheirStartClasses() {
        assertThat(apps).extracting(FunctionApp::name)
                .containsExactly("issue-ticket", "notify", "pay", "reservation-view", "reserve");
    }

    @Test
    void servesEveryRouteOfTheHttpApi() {
        List<String> routes = functions.stream().filter(FunctionDefinition::isHttp).map(f -> {
            HttpTrigger http = (HttpTrigger) f.trigger();
            return Arrays.stream(http.methods()).map(Enum::name).collect(Collectors.joining(",")) + " " + http.route()
                    + " -> " + f.app();
        }).toList();

        assertThat(routes).containsExactlyInAnyOrder(
                "POST accounts/{userId}/deposits -> pay",
                "GET accounts/{userId} -> pay",
                "POST reservations -> reserve",
                "GET reservations/{id} -> reserve",
                "POST reservations/{id}/cancel -> reserve",
                "GET reservations -> reservation-view",
                "GET page -> reservation-view",
                "GET notifications -> notify",
                "GET ops/dead-letters/reserve -> reserve",
                "POST ops/dead-letters/reserve/resubmit -> reserve",
                "GET ops/dead-letters/pay -> pay",
                "POST ops/dead-letters/pay/resubmit -> pay",
                "GET ops/dead-letters/issue-ticket -> issue-ticket",
                "POST ops/dead-letters/issue-ticket/resubmit -> issue-ticket",
                "GET ops/dead-letters/notify -> notify",
                "POST ops/dead-letters/notify/resubmit -> notify");
    }

    @Test
    void eachConsumingAppHasDeadLetterFunctionsForItsOwnSubscriptionOutsideTheReservedAdminPrefix() {
        List<FunctionDefinition> ops = functions.stream().filter(FunctionDefinition::isHttp)
                .filter(f -> ((HttpTrigger) f.trigger()).route().startsWith("ops/")).toList();

        assertThat(ops).extracting(FunctionDefinition::app).containsExactlyInAnyOrder("reserve", "reserve", "pay",
                "pay", "issue-ticket", "issue-ticket", "notify", "notify");
        assertThat(ops).allSatisfy(f -> {
            HttpTrigger http = (HttpTrigger) f.trigger();
            // the admin app role is the gate, checked in code as on every route; the host's keys are not used
            assertThat(http.authLevel()).as(f.name()).isEqualTo(AuthorizationLevel.ANONYMOUS);
            assertThat(http.route()).as(f.name()).startsWith("ops/dead-letters/" + f.app());
        });
        assertThat(functions).extracting(FunctionDefinition::name).doesNotHaveDuplicates();
        assertThat(functions.stream().filter(FunctionDefinition::isHttp).map(f -> ((HttpTrigger) f.trigger()).route()))
                .noneMatch(route -> route.startsWith("admin"));
    }

    @Test
    void everySubscriptionHasOneSessionAwareFunctionOfItsOwnApp() {
        List<ServiceBusTopicTrigger> triggers = functions.stream().filter(FunctionDefinition::isServiceBus)
                .map(f -> (ServiceBusTopicTrigger) f.trigger()).toList();

        assertThat(triggers).extracting(ServiceBusTopicTrigger::subscriptionName)
                .containsExactlyInAnyOrderElementsOf(Subscriptions.load().filters().keySet());
        assertThat(triggers).allSatisfy(t -> {
            assertThat(t.topicName()).isEqualTo("reservation-events");
            assertThat(t.isSessionsEnabled()).isTrue();
            assertThat(t.connection()).isEqualTo("ServiceBusConnection");
        });
    }

    @Test
    void everyChangeFeedFunctionRetriesUntilItSucceedsSoNoChangeIsLost() {
        List<FunctionDefinition> changeFeeds = functions.stream()
                .filter(f -> f.trigger() instanceof CosmosDBTrigger).toList();

        assertThat(changeFeeds).extracting(FunctionDefinition::name).containsExactlyInAnyOrder(
                "relayReservationOutbox", "relayAccountOutbox", "relayTicketOutbox", "projectReservationView");
        assertThat(changeFeeds).allSatisfy(f -> {
            ExponentialBackoffRetry retry = f.method().getAnnotation(ExponentialBackoffRetry.class);
            assertThat(retry).as(f.name()).isNotNull();
            assertThat(retry.maxRetryCount()).as(f.name()).isEqualTo(-1);
            assertThat(((CosmosDBTrigger) f.trigger()).leaseContainerName()).isEqualTo("leases");
        });
    }
}
