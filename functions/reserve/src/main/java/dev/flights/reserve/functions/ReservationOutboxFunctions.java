package dev.flights.reserve.functions;

import com.microsoft.azure.functions.ExecutionContext;
import com.microsoft.azure.functions.annotation.CosmosDBTrigger;
import com.microsoft.azure.functions.annotation.ExponentialBackoffRetry;
import com.microsoft.azure.functions.annotation.FunctionName;
import dev.flights.platform.outbox.OutboxRelay;
import dev.flights.platform.store.ContainerLayout;
import org.springframework.stereotype.Component;

/** Change feed of the reservations container: relays reserve's outbox to the topic. */
@Component
public class ReservationOutboxFunctions {

    private final OutboxRelay relay;

    public ReservationOutboxFunctions(OutboxRelay relay) {
        this.relay = relay;
    }

    // on Azure the change-feed trigger moves its lease on when the function throws and no retry policy is left:
    // retry until it succeeds (a document that can never be sent is parked by the relay, so this cannot wedge).
    // feedPollDelay 5 s: the relay is the safety net behind OutboxWriter's direct publish, off the saga's critical
    // path, so it polls a drained feed 720 times an hour rather than 3600 (at 1 s)
    @FunctionName("relayReservationOutbox")
    @ExponentialBackoffRetry(maxRetryCount = -1, minimumInterval = "00:00:01", maximumInterval = "00:00:15")
    public void relay(
            @CosmosDBTrigger(name = "changes", databaseName = "%CosmosDatabase%",
                    containerName = ContainerLayout.RESERVATIONS, leaseContainerName = "leases",
                    leaseContainerPrefix = "reserve-outbox-", connection = "CosmosDBConnection",
                    feedPollDelay = 5000, maxItemsPerInvocation = 50, startFromBeginning = true) String changes,
            ExecutionContext context) {
        relay.relay(ContainerLayout.RESERVATIONS, changes);
    }
}
