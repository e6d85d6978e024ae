package dev.flights.pay.functions;

import dev.flights.pay.PayApplication;
import dev.flights.pay.fixtures.RecordingEventPublisher;
import dev.flights.platform.inprocess.FaultInjectingDocumentStore;
import dev.flights.platform.inprocess.InMemoryDocumentStore;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * pay's Spring context, started once for the function tests the way a host does it: the host registers its store
 * (here one that can be made to fail) and its topic (here a recording one) before the app starts, and the platform
 * defaults step aside.
 */
final class PayContext {

    static final FaultInjectingDocumentStore STORE = new FaultInjectingDocumentStore(new InMemoryDocumentStore());
    static final RecordingEventPublisher TOPIC = new RecordingEventPublisher();
    static final String RETRY_DELAY_SECONDS = "7";

    private static ConfigurableApplicationContext context;

    private PayContext() {
    }

    static synchronized <T> T bean(Class<T> type) {
        if (context == null) {
            context = new SpringApplicationBuilder(PayApplication.class)
                    .web(WebApplicationType.NONE)
                    .initializers(ctx -> {
                        ctx.getBeanFactory().registerSingleton("documentStore", STORE);
                        ctx.getBeanFactory().registerSingleton("eventPublisher", TOPIC);
                    })
                    .properties("payment.retry.delay=" + RETRY_DELAY_SECONDS + "s")
                    .run();
        }
        return context.getBean(type);
    }
}
