package dev.flights.platform.cosmos;

import com.azure.cosmos.CosmosClient;
import com.azure.cosmos.CosmosClientBuilder;
import dev.flights.platform.spring.PlatformAutoConfiguration;
import dev.flights.platform.store.DocumentStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.context.annotation.Conditional;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Lazy;
import org.springframework.core.env.Environment;
import org.springframework.core.type.AnnotatedTypeMetadata;

/**
 * The Cosmos DB document store, when the app settings name an account ({@link CosmosSettings}); it comes before the
 * platform's in-memory default, which then steps aside. Without a setting nothing is created here. The client is
 * a lazy bean the store asks for on its first use: starting the app builds no SDK client and connects nowhere (the
 * Cosmos client would fetch the account's metadata and a token while it is built), which keeps the cold start short
 * and lets an app start while Cosmos DB is out of reach.
 */
@AutoConfiguration(before = PlatformAutoConfiguration.class)
@Conditional(CosmosAutoConfiguration.CosmosConfigured.class)
public class CosmosAutoConfiguration {

    private static final Logger log = LoggerFactory.getLogger(CosmosAutoConfiguration.class);

    @Bean(destroyMethod = "close")
    @Lazy
    @ConditionalOnMissingBean
    CosmosClient cosmosClient(Environment environment) {
        CosmosSettings settings = CosmosSettings.from(environment).orElseThrow();
        CosmosClientBuilder builder = new CosmosClientBuilder()
                .endpoint(settings.endpoint())
                .gatewayMode()
                .contentResponseOnWriteEnabled(true);
        if (settings.identityBased()) {
            builder.credential(settings.identity().credential());
        } else {
            builder.key(settings.key());
        }
        log.info("document store: Cosmos DB at {} ({}), database {}", settings.endpoint(),
                settings.identityBased() ? settings.identity().describe() : "account key", settings.database());
        return builder.buildClient();
    }

    @Bean
    @ConditionalOnMissingBean(DocumentStore.class)
    DocumentStore documentStore(ObjectProvider<CosmosClient> client, Environment environment) {
        return new CosmosDocumentStore(client::getObject, CosmosSettings.from(environment).orElseThrow().database());
    }

    /** Matches when {@code CosmosDBConnection__accountEndpoint} or {@code CosmosDBConnection} is set. */
    static final class CosmosConfigured implements Condition {

        @Override
        public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
            return CosmosSettings.present(context.getEnvironment());
        }
    }
}
