package dev.flights.platform.inprocess;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.flights.platform.store.TransactionalBatch;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class StoreJournalTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void aWriteIsRecordedFromTheTextTheContainerMadeAsTheSameJsonItsTreeIs() throws Exception {
        List<List<ObjectNode>> recorded = new ArrayList<>();
        InMemoryDocumentContainer container = new InMemoryDocumentContainer("reservations", "reservationId",
                Clock.systemUTC(), (name, documents) -> recorded.add(documents));
        container.execute(TransactionalBatch.in("r1")
                .create(JSON.createObjectNode().put("id", "r1").put("reservationId", "r1").put("note", "Zürich \"→\" ✈"))
                .create(JSON.createObjectNode().put("id", "o1").put("reservationId", "r1").put("price", 99.5)));
        List<ObjectNode> documents = recorded.get(0);

        byte[] text = StoreJournal.record("reservations", documents);
        ObjectNode fromTree = JSON.createObjectNode().put("c", "reservations");
        fromTree.putArray("d").addAll(documents);

        assertThat(documents).allSatisfy(d -> assertThat(((StoredDocument) d).storedText()).isNotNull());
        // byte for byte what writing the record's tree gives (numbers read back may differ in node type, not text)
        assertThat(new String(text, java.nio.charset.StandardCharsets.UTF_8)).isEqualTo(JSON.writeValueAsString(fromTree));
        assertThat(JSON.readTree(text).path("d")).hasSize(2);
    }
}
