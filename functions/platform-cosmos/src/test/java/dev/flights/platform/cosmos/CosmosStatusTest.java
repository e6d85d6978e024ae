package dev.flights.platform.cosmos;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import com.azure.cosmos.CosmosException;
import dev.flights.platform.store.DocumentConflictException;
import dev.flights.platform.store.DocumentNotFoundException;
import dev.flights.platform.store.PreconditionFailedException;
import dev.flights.platform.store.StoreException;
import dev.flights.platform.store.StoreUnavailableException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class CosmosStatusTest {

    @Test
    void aConflictBecomesADocumentConflict() {
        assertThat(CosmosStatus.toStoreException("create r1", 409, 0, null))
                .isInstanceOf(DocumentConflictException.class)
                .satisfies(e -> assertThat(e.statusCode()).isEqualTo(409));
    }

    @Test
    void aFailedPreconditionBecomesAPreconditionFailure() {
        assertThat(CosmosStatus.toStoreException("replace r1", 412, 0, null))
                .isInstanceOf(PreconditionFailedException.class)
                .satisfies(e -> assertThat(e.statusCode()).isEqualTo(412));
    }

    @Test
    void aMissingDocumentBecomesNotFound() {
        assertThat(CosmosStatus.toStoreException("replace r1", 404, 0, null))
                .isInstanceOf(DocumentNotFoundException.class)
                .satisfies(e -> assertThat(e.statusCode()).isEqualTo(404));
    }

    @ParameterizedTest(name = "status {0} is transient")
    @ValueSource(ints = {0, 408, 410, 429, 449, 500, 502, 503, 504})
    void throttlingTimeoutsAndOutagesMakeTheStoreUnavailable(int status) {
        assertThat(CosmosStatus.toStoreException("read r1", status, 0, null))
                .isInstanceOf(StoreUnavailableException.class);
    }

    @ParameterizedTest(name = "status {0} is refused")
    @ValueSource(ints = {400, 401, 403, 413})
    void aRequestTheStoreRefusesIsNeitherARaceNorAnOutage(int status) {
        StoreException e = CosmosStatus.toStoreException("upsert r1", status, 0, null);

        assertThat(e).isInstanceOf(CosmosRequestRejectedException.class);
        assertThat(e.statusCode()).isEqualTo(status);
    }

    @Test
    void aCosmosExceptionIsMappedByItsStatusAndKeptAsTheCause() {
        CosmosException throttled = mock(CosmosException.class);
        when(throttled.getStatusCode()).thenReturn(429);
        when(throttled.getSubStatusCode()).thenReturn(3200);

        StoreException e = CosmosStatus.toStoreException("query", throttled);

        assertThat(e).isInstanceOf(StoreUnavailableException.class).hasCause(throttled);
        assertThat(e.getMessage()).contains("429/3200");
    }
}
