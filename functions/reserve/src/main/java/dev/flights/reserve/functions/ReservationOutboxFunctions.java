package dev.flights.reserve.functions;

import com.microsoft.azure.functions.ExecutionContext;
import com.microsoft.azure.functions.annotation.CosmosDBTrigger;
import com.microsoft.azure.functions.annotation.ExponentialBackoffRetry;
import com.microsoft.azure.functions.annotation.FunctionName;
import dev.flights.platform.outbox.OutboxRelay;
import org.springframework.stereotype.Component;

/** Change feed of the reservations container: relays reserve's outbox to the topic. */
@Component
public class ReservationOutboxFunctions {

    private final OutboxRelay relay;

    public ReservationOutboxFunctions(OutboxRelay relay) {
        this.relay = relay;
    }

    // on Azure the change-feed trigger moves its lease on even when the function throws: retry until it succeeds
    @FunctionName("relayReservationOutbox")
    @ExponentialBackoffRetry(maxRetryCount = -1, minimumInterval = "00:00:01", maximumInterval = "00:01:00")
    public void relay(
            @CosmosDBTrigger(name = "changes", databaseName = "%CosmosDatabase%", containerName = "reservations",
                    leaseContainerName = "leases", leaseContainerPrefix = "reserve-outbox-",
                    connection = "CosmosDBConnection") String changes,
            ExecutionContext context) {
        relay.relay(changes);
    }
}
