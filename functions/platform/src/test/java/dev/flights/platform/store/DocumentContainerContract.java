package dev.flights.platform.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.flights.contract.codec.EventCodec;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * What every {@link DocumentContainer} must do, whatever stands behind it: the in-memory stand-in here, the
 * Cosmos DB adapter in its own module (it extends this class from the platform test-jar). Each test asks for a
 * container with a fresh name, so an adapter over a shared account never sees another test's documents.
 */
public abstract class DocumentContainerContract {

    /** A container with a name no other test uses, partitioned by {@code partitionKeyField}. */
    protected abstract DocumentContainer container(String name, String partitionKeyField);

    /**
     * Lets {@code duration} pass as the containers see time (an in-memory container's clock moves on, a real one is
     * waited for). Containers have time to live on with no default ({@code DefaultTimeToLive = -1}).
     */
    protected abstract void letTimePass(Duration duration);

    private static final String PK = "userId";

    private DocumentContainer fresh() {
        return container("contract-" + UUID.randomUUID(), PK);
    }

    protected static ObjectNode doc(String partitionKey, String id, Object... fields) {
        ObjectNode doc = EventCodec.json().createObjectNode();
        doc.put("id", id);
        doc.put(PK, partitionKey);
        for (int i = 0; i < fields.length; i += 2) {
            doc.set((String) fields[i], EventCodec.json().valueToTree(fields[i + 1]));
        }
        return doc;
    }

    private static ObjectNode create(DocumentContainer container, ObjectNode document) {
        return container.execute(TransactionalBatch.in(document.path(PK).asText()).create(document)).get(0);
    }

    private static String etag(ObjectNode document) {
        return document.path("_etag").asText(null);
    }

    private static List<String> ids(List<ObjectNode> documents) {
        return documents.stream().map(d -> d.path("id").asText()).toList();
    }

    private static List<ObjectNode> wholeChangeFeed(DocumentContainer container) {
        return container.readChanges(null, 1000).documents();
    }

    @Test
    void theContainerKnowsItsPartitionKeyField() {
        DocumentContainer container = container("contract-" + UUID.randomUUID(), "reservationId");

        assertThat(container.partitionKeyField()).isEqualTo("reservationId");
    }

    @Test
    void aPointReadOfAMissingDocumentIsEmpty() {
        DocumentContainer container = fresh();

        assertThat(container.read("alice", "nothing-here")).isEmpty();
    }

    @Test
    void aCreatedDocumentReadsBackWithItsFieldsAndAnEtag() {
        DocumentContainer container = fresh();

        ObjectNode stored = create(container, doc("alice", "r1", "status", "REQUESTED", "price", 100));

        ObjectNode read = container.read("alice", "r1").orElseThrow();
        assertThat(read.path("status").asText()).isEqualTo("REQUESTED");
        assertThat(read.path("price").asLong()).isEqualTo(100);
        assertThat(read.path(PK).asText()).isEqualTo("alice");
        assertThat(etag(read)).isNotBlank();
        assertThat(etag(stored)).isEqualTo(etag(read));
    }

    @Test
    void everyWriteGivesTheDocumentANewEtag() {
        DocumentContainer container = fresh();
        Set<String> etags = new HashSet<>();

        String first = etag(create(container, doc("alice", "r1", "v", 1)));
        String second = etag(container.upsert(doc("alice", "r1", "v", 2)));
        String third = etag(container.execute(TransactionalBatch.in("alice")
                .replace(doc("alice", "r1", "v", 3), second)).get(0));
        String fourth = etag(container.upsert(doc("alice", "r1", "v", 3)));

        etags.addAll(List.of(first, second, third, fourth));
        assertThat(etags).hasSize(4);
        assertThat(etag(container.read("alice", "r1").orElseThrow())).isEqualTo(fourth);
    }

    @Test
    void aReplaceWithTheCurrentEtagIsApplied() {
        DocumentContainer container = fresh();
        String etag = etag(create(container, doc("alice", "r1", "status", "REQUESTED")));

        container.execute(TransactionalBatch.in("alice").replace(doc("alice", "r1", "status", "CONFIRMED"), etag));

        assertThat(container.read("alice", "r1").orElseThrow().path("status").asText()).isEqualTo("CONFIRMED");
    }

    @Test
    void aReplaceWithAStaleEtagFailsAndChangesNothing() {
        DocumentContainer container = fresh();
        String stale = etag(create(container, doc("alice", "r1", "status", "REQUESTED")));
        ObjectNode current = container.upsert(doc("alice", "r1", "status", "CONFIRMED"));
        int changesBefore = container.readChanges(null, 1000).documents().size();
        String continuation = container.readChanges(null, 1000).continuation();

        assertThatThrownBy(() -> container.execute(TransactionalBatch.in("alice")
                .replace(doc("alice", "r1", "status", "CANCELLED"), stale)))
                .isInstanceOf(PreconditionFailedException.class)
                .satisfies(e -> assertThat(((StoreException) e).statusCode()).isEqualTo(412));

        ObjectNode read = container.read("alice", "r1").orElseThrow();
        assertThat(read.path("status").asText()).isEqualTo("CONFIRMED");
        assertThat(etag(read)).isEqualTo(etag(current));
        assertThat(container.readChanges(null, 1000).documents()).hasSize(changesBefore);
        assertThat(container.readChanges(continuation, 1000).documents()).isEmpty();
    }

    @Test
    void aReplaceWithoutAnEtagIsUnconditional() {
        DocumentContainer container = fresh();
        create(container, doc("alice", "r1", "status", "REQUESTED"));

        container.execute(TransactionalBatch.in("alice").replace(doc("alice", "r1", "status", "CANCELLED"), null));

        assertThat(container.read("alice", "r1").orElseThrow().path("status").asText()).isEqualTo("CANCELLED");
    }

    @Test
    void creatingADocumentThatExistsConflictsAndKeepsTheOriginal() {
        DocumentContainer container = fresh();
        create(container, doc("alice", "r1", "status", "REQUESTED"));

        assertThatThrownBy(() -> create(container, doc("alice", "r1", "status", "OTHER")))
                .isInstanceOf(DocumentConflictException.class)
                .satisfies(e -> assertThat(((StoreException) e).statusCode()).isEqualTo(409));

        assertThat(container.read("alice", "r1").orElseThrow().path("status").asText()).isEqualTo("REQUESTED");
    }

    @Test
    void replacingAMissingDocumentIsNotFound() {
        DocumentContainer container = fresh();

        assertThatThrownBy(() -> container.execute(TransactionalBatch.in("alice")
                .replace(doc("alice", "ghost", "status", "X"), "\"some-etag\"")))
                .isInstanceOf(DocumentNotFoundException.class)
                .satisfies(e -> assertThat(((StoreException) e).statusCode()).isEqualTo(404));
        assertThat(container.read("alice", "ghost")).isEmpty();
    }

    @Test
    void aBatchAppliesEveryOperationAndReturnsTheStoredDocumentsInOrder() {
        DocumentContainer container = fresh();
        String etag = etag(create(container, doc("alice", "account", "balance", 150)));

        List<ObjectNode> stored = container.execute(TransactionalBatch.in("alice")
                .replace(doc("alice", "account", "balance", 50), etag)
                .create(doc("alice", "payment-1", "amount", 100))
                .upsert(doc("alice", "outbox-1", "docType", "outbox")));

        assertThat(ids(stored)).containsExactly("account", "payment-1", "outbox-1");
        assertThat(stored).allSatisfy(d -> assertThat(etag(d)).isNotBlank());
        assertThat(container.read("alice", "account").orElseThrow().path("balance").asLong()).isEqualTo(50);
        assertThat(container.read("alice", "payment-1")).isPresent();
        assertThat(container.read("alice", "outbox-1")).isPresent();
        assertThat(etag(container.read("alice", "outbox-1").orElseThrow())).isEqualTo(etag(stored.get(2)));
    }

    @Test
    void aBatchWhoseSecondCreateConflictsAppliesNothing() {
        DocumentContainer container = fresh();
        create(container, doc("alice", "taken"));
        String continuation = container.readChanges(null, 1000).continuation();

        assertThatThrownBy(() -> container.execute(TransactionalBatch.in("alice")
                .create(doc("alice", "new-one"))
                .create(doc("alice", "taken", "overwritten", true))))
                .isInstanceOf(DocumentConflictException.class);

        assertThat(container.read("alice", "new-one")).isEmpty();
        assertThat(container.read("alice", "taken").orElseThrow().has("overwritten")).isFalse();
        assertThat(container.readChanges(continuation, 1000).documents()).isEmpty();
    }

    @Test
    void aBatchWhoseSecondReplaceIsStaleAppliesNothing() {
        DocumentContainer container = fresh();
        String accountEtag = etag(create(container, doc("alice", "account", "balance", 150)));
        String stale = etag(create(container, doc("alice", "payment", "state", "NEW")));
        container.upsert(doc("alice", "payment", "state", "TAKEN"));
        String continuation = container.readChanges(null, 1000).continuation();

        assertThatThrownBy(() -> container.execute(TransactionalBatch.in("alice")
                .replace(doc("alice", "account", "balance", 50), accountEtag)
                .replace(doc("alice", "payment", "state", "PAID"), stale)))
                .isInstanceOf(PreconditionFailedException.class);

        assertThat(container.read("alice", "account").orElseThrow().path("balance").asLong()).isEqualTo(150);
        assertThat(etag(container.read("alice", "account").orElseThrow())).isEqualTo(accountEtag);
        assertThat(container.read("alice", "payment").orElseThrow().path("state").asText()).isEqualTo("TAKEN");
        assertThat(container.readChanges(continuation, 1000).documents()).isEmpty();
    }

    @Test
    void aBatchWhoseSecondReplaceFindsNoDocumentAppliesNothing() {
        DocumentContainer container = fresh();
        String continuation = container.readChanges(null, 1000).continuation();

        assertThatThrownBy(() -> container.execute(TransactionalBatch.in("alice")
                .upsert(doc("alice", "first"))
                .replace(doc("alice", "missing"), null)))
                .isInstanceOf(DocumentNotFoundException.class);

        assertThat(container.read("alice", "first")).isEmpty();
        assertThat(container.readChanges(continuation, 1000).documents()).isEmpty();
    }

    @Test
    void aBatchThatCreatesTheSameDocumentTwiceConflictsAndAppliesNothing() {
        DocumentContainer container = fresh();
        String continuation = container.readChanges(null, 1000).continuation();

        assertThatThrownBy(() -> container.execute(TransactionalBatch.in("alice")
                .create(doc("alice", "outbox-1", "n", 1))
                .create(doc("alice", "outbox-1", "n", 2))))
                .isInstanceOf(DocumentConflictException.class);

        assertThat(container.read("alice", "outbox-1")).isEmpty();
        assertThat(container.readChanges(continuation, 1000).documents()).isEmpty();
    }

    @Test
    void aBatchMayReplaceADocumentItCreatedEarlierInTheSameBatch() {
        DocumentContainer container = fresh();

        container.execute(TransactionalBatch.in("alice")
                .create(doc("alice", "r1", "v", 1))
                .replace(doc("alice", "r1", "v", 2), null));

        assertThat(container.read("alice", "r1").orElseThrow().path("v").asInt()).isEqualTo(2);
    }

    @Test
    void aBatchWithADocumentOfAnotherPartitionIsRefusedAndAppliesNothing() {
        DocumentContainer container = fresh();

        assertThatThrownBy(() -> container.execute(TransactionalBatch.in("alice")
                .create(doc("alice", "mine"))
                .create(doc("bob", "his"))))
                .isInstanceOf(IllegalArgumentException.class);

        assertThat(container.read("alice", "mine")).isEmpty();
        assertThat(container.read("bob", "his")).isEmpty();
        assertThat(wholeChangeFeed(container)).isEmpty();
    }

    @Test
    void anUpsertCreatesAMissingDocumentAndReplacesAnExistingOne() {
        DocumentContainer container = fresh();

        ObjectNode created = container.upsert(doc("alice", "r1", "status", "REQUESTED"));
        ObjectNode replaced = container.upsert(doc("alice", "r1", "status", "CONFIRMED"));

        assertThat(created.path("status").asText()).isEqualTo("REQUESTED");
        assertThat(etag(created)).isNotBlank();
        assertThat(replaced.path("status").asText()).isEqualTo("CONFIRMED");
        ObjectNode read = container.read("alice", "r1").orElseThrow();
        assertThat(read.path("status").asText()).isEqualTo("CONFIRMED");
        assertThat(etag(read)).isEqualTo(etag(replaced));
    }

    @Test
    void anUpsertIsUnconditionalEvenWithAnOldEtagInTheDocument() {
        DocumentContainer container = fresh();
        ObjectNode first = container.upsert(doc("alice", "r1", "v", 1));
        container.upsert(doc("alice", "r1", "v", 2));

        first.put("v", 3);
        container.upsert(first);

        assertThat(container.read("alice", "r1").orElseThrow().path("v").asInt()).isEqualTo(3);
    }

    @Test
    void changingADocumentReturnedByTheContainerDoesNotChangeTheStoredOne() {
        DocumentContainer container = fresh();
        ObjectNode original = doc("alice", "r1", "status", "REQUESTED");
        ObjectNode stored = container.upsert(original);

        original.put("status", "TAMPERED");
        stored.put("status", "TAMPERED");
        container.read("alice", "r1").orElseThrow().put("status", "TAMPERED");

        assertThat(container.read("alice", "r1").orElseThrow().path("status").asText()).isEqualTo("REQUESTED");
    }

    @Test
    void theSameIdInTwoPartitionsIsTwoDocuments() {
        DocumentContainer container = fresh();

        create(container, doc("alice", "shared-id", "owner", "alice"));
        create(container, doc("bob", "shared-id", "owner", "bob"));

        assertThat(container.read("alice", "shared-id").orElseThrow().path("owner").asText()).isEqualTo("alice");
        assertThat(container.read("bob", "shared-id").orElseThrow().path("owner").asText()).isEqualTo("bob");
        assertThat(container.read("carol", "shared-id")).isEmpty();
    }

    @Test
    void aQueryFiltersByEqualityInsideOnePartitionOnly() {
        DocumentContainer container = fresh();
        container.upsert(doc("alice", "n1", "docType", "notification"));
        container.upsert(doc("alice", "o1", "docType", "outbox"));
        container.upsert(doc("alice", "n2", "docType", "notification"));
        container.upsert(doc("bob", "n3", "docType", "notification"));

        List<ObjectNode> found = container.query("alice", DocumentQuery.where("docType", "notification"));

        assertThat(ids(found)).containsExactlyInAnyOrder("n1", "n2");
    }

    @Test
    void aQueryWithTwoConditionsReturnsOnlyDocumentsMatchingBoth() {
        DocumentContainer container = fresh();
        container.upsert(doc("alice", "a", "docType", "payment", "state", "PAID"));
        container.upsert(doc("alice", "b", "docType", "payment", "state", "REFUNDED"));
        container.upsert(doc("alice", "c", "docType", "outbox", "state", "PAID"));

        List<ObjectNode> found = container.query("alice",
                DocumentQuery.where("docType", "payment").and("state", "PAID"));

        assertThat(ids(found)).containsExactly("a");
    }

    @Test
    void aQueryComparesStringsOnlyWithStrings() {
        DocumentContainer container = fresh();
        container.upsert(doc("alice", "text", "seq", "5"));
        container.upsert(doc("alice", "number", "seq", 5));

        assertThat(ids(container.query("alice", DocumentQuery.where("seq", "5")))).containsExactly("text");
    }

    @Test
    void aQueryForAFieldNoDocumentHasFindsNothing() {
        DocumentContainer container = fresh();
        container.upsert(doc("alice", "a", "docType", "payment"));

        assertThat(container.query("alice", DocumentQuery.where("color", "red"))).isEmpty();
        assertThat(container.query("nobody", DocumentQuery.where("docType", "payment"))).isEmpty();
    }

    @Test
    void aQueryOrdersNewestFirstByAFieldAndLimits() {
        DocumentContainer container = fresh();
        container.upsert(doc("alice", "b", "docType", "n", "updatedAt", "2025-03-01T10:00:02Z"));
        container.upsert(doc("alice", "d", "docType", "n", "updatedAt", "2025-03-01T10:00:04Z"));
        container.upsert(doc("alice", "a", "docType", "n", "updatedAt", "2025-03-01T10:00:01Z"));
        container.upsert(doc("alice", "c", "docType", "n", "updatedAt", "2025-03-01T10:00:03Z"));
        container.upsert(doc("bob", "z", "docType", "n", "updatedAt", "2025-03-01T10:00:09Z"));

        List<ObjectNode> all = container.query("alice", DocumentQuery.where("docType", "n").newestFirstBy("updatedAt"));
        List<ObjectNode> newestTwo = container.query("alice",
                DocumentQuery.where("docType", "n").newestFirstBy("updatedAt").limit(2));

        assertThat(ids(all)).containsExactly("d", "c", "b", "a");
        assertThat(ids(newestTwo)).containsExactly("d", "c");
    }

    @Test
    void aQueryOrdersNumbersByTheirValue() {
        DocumentContainer container = fresh();
        container.upsert(doc("alice", "nine", "docType", "n", "seq", 9));
        container.upsert(doc("alice", "hundred", "docType", "n", "seq", 100));
        container.upsert(doc("alice", "ten", "docType", "n", "seq", 10));

        List<ObjectNode> found = container.query("alice", DocumentQuery.where("docType", "n").newestFirstBy("seq"));

        assertThat(ids(found)).containsExactly("hundred", "ten", "nine");
    }

    @Test
    void aLimitedQueryWithoutOrderReturnsAtMostTheLimit() {
        DocumentContainer container = fresh();
        for (int i = 0; i < 5; i++) {
            container.upsert(doc("alice", "d" + i, "docType", "n"));
        }

        assertThat(container.query("alice", DocumentQuery.where("docType", "n").limit(3))).hasSize(3);
    }

    @Test
    void theChangeFeedReturnsChangesInWriteOrder() {
        DocumentContainer container = fresh();
        container.upsert(doc("alice", "c"));
        container.upsert(doc("alice", "a"));
        create(container, doc("alice", "b"));

        assertThat(ids(wholeChangeFeed(container))).containsExactly("c", "a", "b");
    }

    @Test
    void theChangeFeedOfAnEmptyContainerIsEmpty() {
        DocumentContainer container = fresh();

        ChangeFeedPage page = container.readChanges(null, 10);

        assertThat(page.documents()).isEmpty();
        assertThat(page.continuation()).isNotNull();
    }

    @Test
    void theChangeFeedPagesByContinuation() {
        DocumentContainer container = fresh();
        for (int i = 1; i <= 5; i++) {
            container.upsert(doc("alice", "d" + i));
        }

        ChangeFeedPage first = container.readChanges(null, 2);
        ChangeFeedPage second = container.readChanges(first.continuation(), 2);
        ChangeFeedPage third = container.readChanges(second.continuation(), 2);
        ChangeFeedPage fourth = container.readChanges(third.continuation(), 2);

        assertThat(ids(first.documents())).containsExactly("d1", "d2");
        assertThat(ids(second.documents())).containsExactly("d3", "d4");
        assertThat(ids(third.documents())).containsExactly("d5");
        assertThat(fourth.documents()).isEmpty();
    }

    @Test
    void aContinuationSeesOnlyWritesMadeAfterItsPage() {
        DocumentContainer container = fresh();
        container.upsert(doc("alice", "old"));
        String continuation = container.readChanges(null, 100).continuation();

        container.upsert(doc("alice", "new"));

        assertThat(ids(container.readChanges(continuation, 100).documents())).containsExactly("new");
    }

    @Test
    void theChangeFeedShowsTheLatestVersionOfADocumentOncePerPage() {
        DocumentContainer container = fresh();
        container.upsert(doc("alice", "a", "v", 1));
        container.upsert(doc("alice", "b", "v", 1));
        container.upsert(doc("alice", "a", "v", 2));
        container.upsert(doc("alice", "a", "v", 3));

        List<ObjectNode> changes = wholeChangeFeed(container);

        assertThat(ids(changes)).containsExactly("b", "a");
        assertThat(changes.get(1).path("v").asInt()).isEqualTo(3);
        assertThat(etag(changes.get(1))).isEqualTo(etag(container.read("alice", "a").orElseThrow()));
    }

    @Test
    void aNullContinuationStartsFromTheBeginningEveryTime() {
        DocumentContainer container = fresh();
        container.upsert(doc("alice", "a"));
        container.upsert(doc("bob", "b"));
        container.readChanges(null, 100);

        List<ObjectNode> again = wholeChangeFeed(container);

        assertThat(ids(again)).containsExactlyInAnyOrder("a", "b");
    }

    @Test
    void theChangeFeedCoversEveryPartition() {
        DocumentContainer container = fresh();
        container.upsert(doc("alice", "a1"));
        container.upsert(doc("bob", "b1"));
        container.upsert(doc("alice", "a2"));

        List<ObjectNode> changes = wholeChangeFeed(container);

        assertThat(changes.stream().map(d -> d.path(PK).asText() + "/" + d.path("id").asText())
                .collect(Collectors.toList())).containsExactlyInAnyOrder("alice/a1", "bob/b1", "alice/a2");
        List<String> alice = changes.stream().filter(d -> d.path(PK).asText().equals("alice"))
                .map(d -> d.path("id").asText()).toList();
        assertThat(alice).containsExactly("a1", "a2");
    }

    @Test
    void theWritesOfABatchAppearInTheChangeFeedInBatchOrder() {
        DocumentContainer container = fresh();

        container.execute(TransactionalBatch.in("alice")
                .create(doc("alice", "state"))
                .create(doc("alice", "outbox-1", "docType", "outbox"))
                .create(doc("alice", "outbox-2", "docType", "outbox")));

        assertThat(ids(wholeChangeFeed(container))).containsExactly("state", "outbox-1", "outbox-2");
    }

    @Test
    void aDocumentWhoseTtlHasPassedIsGoneFromReadsQueriesAndTheChangeFeedAndItsIdIsFreeAgain() {
        DocumentContainer container = fresh();
        create(container, doc("alice", "short-lived", "kind", "x", "ttl", 1));
        create(container, doc("alice", "kept", "kind", "x"));

        letTimePass(Duration.ofSeconds(3));

        assertThat(container.read("alice", "short-lived")).isEmpty();
        assertThat(ids(container.query("alice", DocumentQuery.where("kind", "x")))).containsExactly("kept");
        assertThat(ids(wholeChangeFeed(container))).containsExactly("kept");
        create(container, doc("alice", "short-lived", "kind", "x"));
        assertThat(container.read("alice", "short-lived")).isPresent();
    }

    @Test
    void aDocumentWithoutATtlOrWithATtlOfMinusOneNeverExpires() {
        DocumentContainer container = fresh();
        create(container, doc("alice", "no-ttl"));
        create(container, doc("alice", "minus-one", "ttl", -1));

        letTimePass(Duration.ofSeconds(3));

        assertThat(container.read("alice", "no-ttl")).isPresent();
        assertThat(container.read("alice", "minus-one")).isPresent();
    }

    @Test
    void theTtlCountsFromTheLastWrite() {
        DocumentContainer container = fresh();
        // Cosmos DB keeps _ts in whole seconds, so a document may expire up to a second early. Created at 0 s with
        // ttl 5 it is gone by 5 s; rewritten at 3 s it lives until 7 s at the earliest. The read comes at 6 s.
        create(container, doc("alice", "rewritten", "ttl", 5));
        letTimePass(Duration.ofSeconds(3));
        container.upsert(doc("alice", "rewritten", "ttl", 5, "version", 2));

        letTimePass(Duration.ofSeconds(3));

        assertThat(container.read("alice", "rewritten")).hasValueSatisfying(
                d -> assertThat(d.path("version").asInt()).isEqualTo(2));
    }
}
