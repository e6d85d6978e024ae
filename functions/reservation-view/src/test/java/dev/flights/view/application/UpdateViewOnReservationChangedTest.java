package dev.flights.view.application;

import static dev.flights.view.ReservationVersions.NOON;
import static dev.flights.view.ReservationVersions.aReservation;
import static org.assertj.core.api.Assertions.assertThat;

import dev.flights.contract.ReservationStatus;
import dev.flights.contract.UserId;
import dev.flights.platform.inprocess.InMemoryDocumentStore;
import dev.flights.view.ReservationVersions;
import dev.flights.view.adapter.ReservationViewDocuments;
import dev.flights.view.domain.ReservationView;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class UpdateViewOnReservationChangedTest {

    private static final UserId EW = new UserId("ew");

    private final ReservationViews views = new ReservationViewDocuments(new InMemoryDocumentStore());
    private final UpdateViewOnReservationChanged updateView = new UpdateViewOnReservationChanged(views);
    private final ListReservations list = new ListReservations(views);
    private final ReservationVersions reservation = aReservation().by("ew");
    private final List<ReservationView> versions = List.of(reservation.version(1, "REQUESTED").view(),
            reservation.version(2, "CONFIRMED").view(), reservation.version(3, "TICKETED").view());

    @Test
    void showsTheLatestVersionWhenTheFeedDeliversVersionsThreeOneTwo() {
        updateView.on(versions.get(2));
        updateView.on(versions.get(0));
        updateView.on(versions.get(1));

        assertThat(list.apply(EW)).containsExactly(versions.get(2));
    }

    static Stream<List<Integer>> everyDeliveryOrder() {
        return Stream.of(List.of(0, 1, 2), List.of(0, 2, 1), List.of(1, 0, 2), List.of(1, 2, 0), List.of(2, 0, 1),
                List.of(2, 1, 0));
    }

    @ParameterizedTest
    @MethodSource("everyDeliveryOrder")
    void convergesOnTheLatestVersionWhateverTheDeliveryOrder(List<Integer> order) {
        order.forEach(i -> updateView.on(versions.get(i)));

        assertThat(list.apply(EW)).singleElement().satisfies(shown -> {
            assertThat(shown.version()).isEqualTo(3);
            assertThat(shown.status()).isEqualTo(ReservationStatus.TICKETED);
            assertThat(shown.ticketNumber()).isEqualTo("TK-0123456789");
        });
    }

    @Test
    void writesNothingWhenAVersionIsDeliveredAgain() {
        updateView.on(versions.get(1));
        String etag = views.find(EW, reservation.id()).orElseThrow().etag();

        updateView.on(versions.get(1));

        assertThat(views.find(EW, reservation.id()).orElseThrow().etag()).isEqualTo(etag);
    }

    @Test
    void decidesAgainWhenANewerVersionWasWrittenBetweenItsReadAndItsWrite() {
        updateView.on(versions.get(0));
        ReservationViews racedByVersionThree = racing(() -> updateView.on(versions.get(2)));

        new UpdateViewOnReservationChanged(racedByVersionThree).on(versions.get(1));

        assertThat(views.find(EW, reservation.id()).orElseThrow().view().version()).isEqualTo(3);
    }

    @Test
    void decidesAgainWhenANewerVersionCreatedTheItemFirst() {
        ReservationViews racedByVersionTwo = racing(() -> updateView.on(versions.get(1)));

        new UpdateViewOnReservationChanged(racedByVersionTwo).on(versions.get(0));

        assertThat(views.find(EW, reservation.id()).orElseThrow().view().version()).isEqualTo(2);
    }

    @Test
    void listsACustomersReservationsNewestFirstAndNoOneElses() {
        ReservationView first = aReservation().by("ew").createdAt(NOON).view();
        ReservationView second = aReservation().by("ew").createdAt(NOON.plusMillis(250)).view();
        ReservationView third = aReservation().by("ew").createdAt(NOON.plusSeconds(1)).view();
        Stream.of(second, first, third, aReservation().by("other").view()).forEach(updateView::on);

        assertThat(list.apply(EW)).containsExactly(third, second, first);
    }

    @Test
    void listsAtMostTheHundredNewestReservations() {
        IntStream.range(0, 101).forEach(i -> updateView.on(aReservation().by("ew").createdAt(NOON.plusSeconds(i))
                .view()));

        List<ReservationView> listed = list.apply(EW);

        assertThat(listed).hasSize(100);
        assertThat(listed.get(99).createdAt()).isEqualTo(NOON.plusSeconds(1));
    }

    /** The real store, with another writer getting in just before this writer's first save. */
    private ReservationViews racing(Runnable otherWriter) {
        return new ReservationViews() {
            private boolean raced;

            @Override
            public Optional<Found> find(UserId userId, UUID reservationId) {
                return views.find(userId, reservationId);
            }

            @Override
            public void save(ReservationView view, String etag) {
                if (!raced) {
                    raced = true;
                    otherWriter.run();
                }
                views.save(view, etag);
            }

            @Override
            public List<ReservationView> newestFirst(UserId userId, int limit) {
                return views.newestFirst(userId, limit);
            }
        };
    }
}
