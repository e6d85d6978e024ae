package dev.flights.ticket.functions;

import com.microsoft.azure.functions.ExecutionContext;
import com.microsoft.azure.functions.annotation.CosmosDBTrigger;
import com.microsoft.azure.functions.annotation.ExponentialBackoffRetry;
import com.microsoft.azure.functions.annotation.FunctionName;
import dev.flights.platform.outbox.OutboxRelay;
import org.springframework.stereotype.Component;

/** Change feed of the tickets container: relays issue-ticket's outbox to the topic. */
@Component
public class TicketOutboxFunctions {

    private final OutboxRelay relay;

    public TicketOutboxFunctions(OutboxRelay relay) {
        this.relay = relay;
    }

    // on Azure the change-feed trigger moves its lease on even when the function throws: retry until it succeeds
    @FunctionName("relayTicketOutbox")
    @ExponentialBackoffRetry(maxRetryCount = -1, minimumInterval = "00:00:01", maximumInterval = "00:01:00")
    public void relay(
            @CosmosDBTrigger(name = "changes", databaseName = "%CosmosDatabase%", containerName = "tickets",
                    leaseContainerName = "leases", leaseContainerPrefix = "issue-ticket-outbox-",
                    connection = "CosmosDBConnection") String changes,
            ExecutionContext context) {
        relay.relay(changes);
    }
}
