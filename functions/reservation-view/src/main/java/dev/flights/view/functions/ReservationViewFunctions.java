package dev.flights.view.functions;

import com.microsoft.azure.functions.ExecutionContext;
import com.microsoft.azure.functions.annotation.CosmosDBTrigger;
import com.microsoft.azure.functions.annotation.ExponentialBackoffRetry;
import com.microsoft.azure.functions.annotation.FunctionName;
import dev.flights.view.adapter.ReservationChangeFeed;
import dev.flights.view.application.UpdateViewOnReservationChanged;
import org.springframework.stereotype.Component;

/** Change feed of reserve's reservations container: projects every changed reservation into the list. */
@Component
public class ReservationViewFunctions {

    private final ReservationChangeFeed changeFeed;
    private final UpdateViewOnReservationChanged updateView;

    public ReservationViewFunctions(ReservationChangeFeed changeFeed, UpdateViewOnReservationChanged updateView) {
        this.changeFeed = changeFeed;
        this.updateView = updateView;
    }

    // on Azure the change-feed trigger moves its lease on when the function throws and no retry policy is left:
    // retry until it succeeds. feedPollDelay 500 ms: this poll is the one wait left on the way from a reservation's
    // change to the customer's list (the saga's events are published right after each commit), so it bounds the
    // list's lag; it costs 7200 polls of a drained feed an hour (3600 at 1 s, 14400 at 250 ms)
    @FunctionName("projectReservationView")
    @ExponentialBackoffRetry(maxRetryCount = -1, minimumInterval = "00:00:01", maximumInterval = "00:00:15")
    public void project(
            @CosmosDBTrigger(name = "changes", databaseName = "%CosmosDatabase%", containerName = "reservations",
                    leaseContainerName = "leases", leaseContainerPrefix = "reservation-view-",
                    connection = "CosmosDBConnection", feedPollDelay = 500, maxItemsPerInvocation = 25,
                    startFromBeginning = true) String changes,
            ExecutionContext context) {
        changeFeed.reservationsIn(changes).forEach(updateView::on);
    }
}
