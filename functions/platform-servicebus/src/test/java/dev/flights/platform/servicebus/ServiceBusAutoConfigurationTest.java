package dev.flights.platform.servicebus;

import static org.assertj.core.api.Assertions.assertThat;

import com.azure.messaging.servicebus.ServiceBusSenderClient;
import com.azure.messaging.servicebus.ServiceBusReceiverClient;
import dev.flights.platform.deadletters.DeadLetterQueue;
import dev.flights.platform.http.DeadLetterEndpoints;
import dev.flights.platform.inprocess.InProcessTopic;
import dev.flights.platform.messaging.EventPublisher;
import dev.flights.platform.messaging.OutgoingMessage;
import dev.flights.platform.spring.DeadLetterAutoConfiguration;
import dev.flights.platform.spring.PlatformAutoConfiguration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.support.AbstractBeanDefinition;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

class ServiceBusAutoConfigurationTest {

    private static final String CONNECTION_STRING =
            "Endpoint=sb://flights.servicebus.windows.net/;SharedAccessKeyName=send;SharedAccessKey=c2VjcmV0";

    // the order given is the wrong one on purpose: the autoconfiguration's own ordering must put it first
    // the in-process switch keeps the store in memory; what is asserted here is the topic
    private final ApplicationContextRunner runner = new ApplicationContextRunner().withConfiguration(
            AutoConfigurations.of(DeadLetterAutoConfiguration.class, PlatformAutoConfiguration.class,
                    ServiceBusAutoConfiguration.class))
            .withPropertyValues("FLIGHTS_IN_PROCESS=true");

    @Test
    void aConnectionStringSettingInstallsTheServiceBusPublisherForTheContractsTopic() {
        runner.withPropertyValues(ServiceBusSenders.CONNECTION_STRING_SETTING + "=" + CONNECTION_STRING).run(context -> {
            assertThat(context).hasNotFailed();
            assertThat(context).getBean(EventPublisher.class).isInstanceOf(ServiceBusEventPublisher.class);
            ServiceBusSenderClient sender = context.getBean(ServiceBusSenderClient.class);
            assertThat(sender.getEntityPath()).isEqualTo("reservation-events");
            assertThat(sender.getFullyQualifiedNamespace()).isEqualTo("flights.servicebus.windows.net");
            assertThat(context).doesNotHaveBean(InProcessTopic.class);
        });
    }

    @Test
    void anIdentityBasedNamespaceSettingInstallsTheServiceBusPublisher() {
        runner.withPropertyValues(ServiceBusSenders.NAMESPACE_SETTING + "=flights.servicebus.windows.net").run(context -> {
            assertThat(context).hasNotFailed();
            assertThat(context).getBean(EventPublisher.class).isInstanceOf(ServiceBusEventPublisher.class);
            assertThat(context.getBean(ServiceBusSenderClient.class).getFullyQualifiedNamespace())
                    .isEqualTo("flights.servicebus.windows.net");
        });
    }

    @Test
    void aUserAssignedIdentityNamedByTheTriggersSettingsIsTheSendersIdentityToo() {
        Map<String, String> settings = Map.of(ServiceBusSenders.NAMESPACE_SETTING, "flights.servicebus.windows.net",
                "ServiceBusConnection__credential", "managedidentity",
                "ServiceBusConnection__clientId", "11111111-2222-3333-4444-555555555555");

        assertThat(ServiceBusSenders.describe(settings::get, "reservation-events")).isEqualTo("topic reservation-events"
                + " on flights.servicebus.windows.net (the user-assigned identity 11111111-2222-3333-4444-555555555555)");
        runner.withPropertyValues(settings.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
                .toArray(String[]::new)).run(context -> {
                    assertThat(context).hasNotFailed();
                    assertThat(context).getBean(EventPublisher.class).isInstanceOf(ServiceBusEventPublisher.class);
                });
    }

    @Test
    void withoutAServiceBusSettingTheInProcessTopicStaysOnlyWhenInProcess() {
        runner.run(context -> {
            assertThat(context).hasNotFailed();
            assertThat(context).doesNotHaveBean(ServiceBusSenderClient.class);
            assertThat(context).getBean(EventPublisher.class).isInstanceOf(InProcessTopic.class);
        });
    }

    @Test
    void aBlankSettingCountsAsNone() {
        runner.withPropertyValues(ServiceBusSenders.CONNECTION_STRING_SETTING + "= ").run(context -> {
            assertThat(context).doesNotHaveBean(ServiceBusSenderClient.class);
            assertThat(context).getBean(EventPublisher.class).isInstanceOf(InProcessTopic.class);
        });
    }

    @Test
    void aPublisherTheHostRegisteredWinsOverTheSetting() {
        EventPublisher shared = (List<OutgoingMessage> messages) -> { };
        runner.withPropertyValues(ServiceBusSenders.CONNECTION_STRING_SETTING + "=" + CONNECTION_STRING)
                .withBean(EventPublisher.class, () -> shared)
                .run(context -> {
                    assertThat(context).doesNotHaveBean(ServiceBusSenderClient.class);
                    assertThat(context.getBean(EventPublisher.class)).isSameAs(shared);
                });
    }

    @Test
    void theAppStartsWithoutBuildingTheSenderWhichItsFirstUseBuilds() {
        runner.withPropertyValues(ServiceBusSenders.NAMESPACE_SETTING + "=127.0.0.1",
                "ServiceBusConnection__credential=managedidentity").run(context -> {
                    assertThat(context).hasNotFailed();
                    assertThat(context).getBean(EventPublisher.class).isInstanceOf(ServiceBusEventPublisher.class);
                    assertThat(context.getBeanFactory().containsSingleton("reservationEventsSender"))
                            .as("the sender, built while the app starts").isFalse();

                    assertThat(context.getBean(ServiceBusSenderClient.class).getEntityPath())
                            .isEqualTo("reservation-events");
                    assertThat(context.getBeanFactory().containsSingleton("reservationEventsSender")).isTrue();
                });
    }

    @Test
    void theSenderIsClosedWithTheContext() {
        runner.withPropertyValues(ServiceBusSenders.CONNECTION_STRING_SETTING + "=" + CONNECTION_STRING).run(context -> {
            String[] names = context.getBeanNamesForType(ServiceBusSenderClient.class);
            assertThat(names).hasSize(1);
            AbstractBeanDefinition definition =
                    (AbstractBeanDefinition) context.getBeanFactory().getBeanDefinition(names[0]);
            assertThat(definition.getDestroyMethodNames())
                    .containsExactly("close");
        });
    }

    @Test
    void theServiceBusSettingAlsoInstallsTheDeadLetterQueueOfServiceBusBehindTheOperatorFunctions() {
        runner.withPropertyValues(ServiceBusSenders.CONNECTION_STRING_SETTING + "=" + CONNECTION_STRING).run(context -> {
            assertThat(context).hasNotFailed();
            assertThat(context).getBean(DeadLetterQueue.class).isInstanceOf(ServiceBusDeadLetterQueue.class);
            assertThat(context).hasSingleBean(DeadLetterEndpoints.class);
            assertThat(context).doesNotHaveBean(ServiceBusReceiverClient.class);
        });
    }

    @Test
    void withoutAServiceBusSettingTheOperatorFunctionsReadTheInProcessTopicsDeadLetters() {
        runner.run(context -> {
            assertThat(context).hasNotFailed();
            assertThat(context).doesNotHaveBean(DeadLetterQueue.class);
            assertThat(context).hasSingleBean(DeadLetterEndpoints.class);
        });
    }

    @Test
    void theDeadLetterReceiverReadsTheSubscriptionsDeadLetterSubQueueOnTheSameNamespace() {
        try (ServiceBusReceiverClient receiver = ServiceBusSenders.deadLetterReceiver(
                name -> ServiceBusSenders.CONNECTION_STRING_SETTING.equals(name) ? CONNECTION_STRING : null,
                "reservation-events", "pay")) {
            assertThat(receiver.getFullyQualifiedNamespace()).isEqualTo("flights.servicebus.windows.net");
            assertThat(receiver.getEntityPath()).isEqualTo("reservation-events/subscriptions/pay/$deadletterqueue");
        }
    }
}
