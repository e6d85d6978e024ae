package dev.flights.view.application;

import dev.flights.platform.store.OptimisticRetry;
import dev.flights.view.domain.ReservationView;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * N4: shows a changed reservation in its customer's list when it is newer than what the list shows. A lost race
 * (412 on the ETag, 409 on the create) reads again and decides again, so the list converges on the latest version.
 */
@Component
public class UpdateViewOnReservationChanged implements Consumer<ReservationView> {

    private static final Logger log = LoggerFactory.getLogger(UpdateViewOnReservationChanged.class);

    private final ReservationViews views;

    public UpdateViewOnReservationChanged(ReservationViews views) {
        this.views = views;
    }

    @Override
    public void accept(ReservationView changed) {
        on(changed);
    }

    public void on(ReservationView changed) {
        OptimisticRetry.run(() -> {
            var shown = views.find(changed.userId(), changed.reservationId());
            if (shown.isPresent() && !changed.supersedes(shown.get().view())) {
                log.debug("reservation {} version {} is not newer than the shown version {}",
                        changed.reservationId(), changed.version(), shown.get().view().version());
                return null;
            }
            views.save(changed, shown.map(ReservationViews.Found::etag).orElse(null));
            log.debug("reservation {} shows {} (version {})", changed.reservationId(), changed.status(),
                    changed.version());
            return null;
        });
    }
}
