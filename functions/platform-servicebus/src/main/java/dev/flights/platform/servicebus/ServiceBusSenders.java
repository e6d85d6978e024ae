package dev.flights.platform.servicebus;

import com.azure.core.amqp.AmqpRetryMode;
import com.azure.core.amqp.AmqpRetryOptions;
import com.azure.messaging.servicebus.ServiceBusClientBuilder;
import com.azure.messaging.servicebus.ServiceBusReceiverClient;
import com.azure.messaging.servicebus.ServiceBusSenderClient;
import com.azure.messaging.servicebus.models.ServiceBusReceiveMode;
import com.azure.messaging.servicebus.models.SubQueue;
import dev.flights.platform.identity.ConnectionIdentity;
import dev.flights.platform.spring.RequiredSettings;
import java.time.Duration;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * Builds the sender of the topic from the app settings the Functions host also reads for its Service Bus
 * triggers: {@value #NAMESPACE_SETTING} (identity-based; what Azure uses, no keys in app settings), with
 * {@code ServiceBusConnection__credential} / {@code __clientId} choosing the identity as the Service Bus trigger
 * does ({@link ConnectionIdentity}), or else {@value #CONNECTION_STRING_SETTING} (a connection string, for an
 * emulator or a developer's namespace).
 *
 * <p>Every sender retries transient failures itself with exponential backoff ({@link #retryOptions()}); when
 * those retries give up the publisher throws {@link TopicUnavailableException}.
 */
public final class ServiceBusSenders {

    /** The connection name the function bindings use ({@code connection = "ServiceBusConnection"}). */
    public static final String CONNECTION = RequiredSettings.SERVICE_BUS_CONNECTION_STRING;
    public static final String NAMESPACE_SETTING = RequiredSettings.SERVICE_BUS_NAMESPACE;
    public static final String CONNECTION_STRING_SETTING = CONNECTION;

    static final int MAX_RETRIES = 5;
    static final Duration FIRST_DELAY = Duration.ofMillis(500);
    static final Duration MAX_DELAY = Duration.ofSeconds(15);
    static final Duration TRY_TIMEOUT = Duration.ofSeconds(30);

    private ServiceBusSenders() {
    }

    /**
     * Exponential backoff: 0.5 s, 1 s, 2 s, ... (with the SDK's jitter) capped at 15 s, 5 retries, 30 s per try.
     * Bounded so a function invocation gives up well within its timeout and its trigger retries instead.
     */
    public static AmqpRetryOptions retryOptions() {
        return new AmqpRetryOptions()
                .setMode(AmqpRetryMode.EXPONENTIAL)
                .setMaxRetries(MAX_RETRIES)
                .setDelay(FIRST_DELAY)
                .setMaxDelay(MAX_DELAY)
                .setTryTimeout(TRY_TIMEOUT);
    }

    /** True when one of the two settings is present (and not blank). */
    public static boolean configured(UnaryOperator<String> settings) {
        return present(settings.apply(NAMESPACE_SETTING)).isPresent()
                || present(settings.apply(CONNECTION_STRING_SETTING)).isPresent();
    }

    /**
     * A sender for {@code topic}; the namespace setting wins over the connection string. The client connects
     * lazily, on the first send.
     *
     * @throws IllegalStateException when neither setting is present
     */
    public static ServiceBusSenderClient topicSender(UnaryOperator<String> settings, String topic) {
        return clientBuilder(settings).sender().topicName(topic).buildClient();
    }

    /**
     * A PEEK_LOCK receiver on the dead-letter sub-queue of one subscription, on the same namespace and with the same
     * credential as the sender. Not session-aware: a dead-letter sub-queue has no sessions. It connects lazily.
     */
    public static ServiceBusReceiverClient deadLetterReceiver(UnaryOperator<String> settings, String topic,
            String subscription) {
        return clientBuilder(settings).receiver().topicName(topic).subscriptionName(subscription)
                .subQueue(SubQueue.DEAD_LETTER_QUEUE).receiveMode(ServiceBusReceiveMode.PEEK_LOCK)
                .disableAutoComplete().buildClient();
    }

    private static ServiceBusClientBuilder clientBuilder(UnaryOperator<String> settings) {
        ServiceBusClientBuilder builder = new ServiceBusClientBuilder().retryOptions(retryOptions());
        Optional<String> namespace = present(settings.apply(NAMESPACE_SETTING));
        Optional<String> connectionString = present(settings.apply(CONNECTION_STRING_SETTING));
        if (namespace.isPresent()) {
            builder.credential(namespace.get(), ConnectionIdentity.of(CONNECTION, settings).credential());
        } else if (connectionString.isPresent()) {
            builder.connectionString(connectionString.get());
        } else {
            throw new IllegalStateException("neither " + NAMESPACE_SETTING + " nor " + CONNECTION_STRING_SETTING
                    + " is set: no Service Bus namespace to send to");
        }
        return builder;
    }

    /** Describes where the sender sends, without the secret of a connection string. */
    static String describe(UnaryOperator<String> settings, String topic) {
        Optional<String> namespace = present(settings.apply(NAMESPACE_SETTING));
        return namespace.map(ns -> "topic " + topic + " on " + ns + " ("
                        + ConnectionIdentity.of(CONNECTION, settings).describe() + ")")
                .orElse("topic " + topic + " through the connection string " + CONNECTION_STRING_SETTING);
    }

    private static Optional<String> present(String value) {
        return Optional.ofNullable(value).map(String::trim).filter(v -> !v.isEmpty());
    }
}
