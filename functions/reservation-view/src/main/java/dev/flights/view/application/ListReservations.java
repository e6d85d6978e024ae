package dev.flights.view.application;

import dev.flights.contract.UserId;
import dev.flights.view.domain.ReservationView;
import java.util.List;
import java.util.function.Function;
import org.springframework.stereotype.Component;

/** A customer's latest reservations, newest first. */
@Component
public class ListReservations implements Function<UserId, List<ReservationView>> {

    static final int LIMIT = 100;

    private final ReservationViews views;

    public ListReservations(ReservationViews views) {
        this.views = views;
    }

    @Override
    public List<ReservationView> apply(UserId userId) {
        return views.newestFirst(userId, LIMIT);
    }
}
