package dev.flights.platform.cosmos;

import com.azure.cosmos.CosmosContainer;
import com.azure.cosmos.CosmosException;
import com.azure.cosmos.models.CosmosBatch;
import com.azure.cosmos.models.CosmosBatchItemRequestOptions;
import com.azure.cosmos.models.CosmosBatchOperationResult;
import com.azure.cosmos.models.CosmosBatchResponse;
import com.azure.cosmos.models.CosmosChangeFeedRequestOptions;
import com.azure.cosmos.models.CosmosItemRequestOptions;
import com.azure.cosmos.models.CosmosItemResponse;
import com.azure.cosmos.models.CosmosQueryRequestOptions;
import com.azure.cosmos.models.FeedRange;
import com.azure.cosmos.models.FeedResponse;
import com.azure.cosmos.models.PartitionKey;
import com.azure.cosmos.models.SqlParameter;
import com.azure.cosmos.models.SqlQuerySpec;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.flights.platform.correlation.Correlation;
import dev.flights.platform.metering.Meter;
import dev.flights.platform.store.ChangeFeedPage;
import dev.flights.platform.store.DocumentContainer;
import dev.flights.platform.store.DocumentQuery;
import dev.flights.platform.store.TransactionalBatch;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * One Cosmos DB container behind the {@link DocumentContainer} port. Every request logs its charge in request units
 * with the correlation id in force, so the cost of a reservation can be followed through the apps, and adds it to
 * the store's {@link CosmosDocumentStore#requestCharges() request charges} under {@code "<container> <operation>"}.
 */
public final class CosmosDocumentContainer implements DocumentContainer {

    private static final Logger log = LoggerFactory.getLogger(CosmosDocumentContainer.class);

    /** Field names go into the SQL text (values go in as parameters), so they are held to plain identifiers. */
    private static final Pattern FIELD = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    private final CosmosContainer container;
    private final String name;
    private final String partitionKeyField;
    private final Meter requestCharges;

    /** @param requestCharges where each request's charge (the SDK's {@code getRequestCharge()}) is added */
    public CosmosDocumentContainer(CosmosContainer container, String name, String partitionKeyField,
            Meter requestCharges) {
        this.container = container;
        this.name = name;
        this.partitionKeyField = partitionKeyField;
        this.requestCharges = requestCharges;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public String partitionKeyField() {
        return partitionKeyField;
    }

    @Override
    public Optional<ObjectNode> read(String partitionKey, String id) {
        try {
            CosmosItemResponse<ObjectNode> response = container.readItem(id, new PartitionKey(partitionKey), ObjectNode.class);
            charged("read", partitionKey, id, response.getStatusCode(), response.getRequestCharge());
            return Optional.ofNullable(response.getItem());
        } catch (CosmosException e) {
            charged("read", partitionKey, id, e.getStatusCode(), e.getRequestCharge());
            if (e.getStatusCode() == 404) {
                return Optional.empty();
            }
            throw CosmosStatus.toStoreException(name + ": read " + id, e);
        }
    }

    @Override
    public List<ObjectNode> query(String partitionKey, DocumentQuery query) {
        SqlQuerySpec spec = sql(query);
        CosmosQueryRequestOptions options = new CosmosQueryRequestOptions().setPartitionKey(new PartitionKey(partitionKey));
        List<ObjectNode> found = new ArrayList<>();
        double charge = 0;
        try {
            for (FeedResponse<ObjectNode> page : container.queryItems(spec, options, ObjectNode.class).iterableByPage()) {
                charge += page.getRequestCharge();
                found.addAll(page.getResults());
            }
        } catch (CosmosException e) {
            charged("query", partitionKey, spec.getQueryText(), e.getStatusCode(), charge + e.getRequestCharge());
            throw CosmosStatus.toStoreException(name + ": query " + spec.getQueryText(), e);
        }
        charged("query", partitionKey, spec.getQueryText() + " -> " + found.size(), 200, charge);
        return found.size() > query.limit() ? found.subList(0, query.limit()) : found;
    }

    /** {@code SELECT * FROM c WHERE c.f = @p0 AND … ORDER BY c.o DESC OFFSET 0 LIMIT n}, values as parameters. */
    static SqlQuerySpec sql(DocumentQuery query) {
        StringBuilder text = new StringBuilder("SELECT * FROM c");
        List<SqlParameter> parameters = new ArrayList<>();
        for (Map.Entry<String, String> condition : query.equalTo().entrySet()) {
            String parameter = "@p" + parameters.size();
            text.append(parameters.isEmpty() ? " WHERE " : " AND ")
                    .append("c.").append(field(condition.getKey())).append(" = ").append(parameter);
            parameters.add(new SqlParameter(parameter, condition.getValue()));
        }
        if (query.orderByDescending() != null) {
            text.append(" ORDER BY c.").append(field(query.orderByDescending())).append(" DESC");
        }
        if (query.limit() != DocumentQuery.NO_LIMIT) {
            if (query.limit() < 0) {
                throw new IllegalArgumentException("a query limit is not negative: " + query.limit());
            }
            text.append(" OFFSET 0 LIMIT ").append(query.limit());
        }
        return new SqlQuerySpec(text.toString(), parameters);
    }

    private static String field(String name) {
        if (!FIELD.matcher(name).matches()) {
            throw new IllegalArgumentException("not a queryable field name: " + name);
        }
        return name;
    }

    @Override
    public ObjectNode upsert(ObjectNode document) {
        String partitionKey = partitionKeyOf(document);
        String id = idOf(document);
        try {
            CosmosItemResponse<ObjectNode> response = container.upsertItem(document, new PartitionKey(partitionKey),
                    new CosmosItemRequestOptions().setContentResponseOnWriteEnabled(true));
            charged("upsert", partitionKey, id, response.getStatusCode(), response.getRequestCharge());
            return response.getItem();
        } catch (CosmosException e) {
            charged("upsert", partitionKey, id, e.getStatusCode(), e.getRequestCharge());
            throw CosmosStatus.toStoreException(name + ": upsert " + id, e);
        }
    }

    @Override
    public List<ObjectNode> execute(TransactionalBatch batch) {
        CosmosBatch cosmosBatch = CosmosBatch.createCosmosBatch(new PartitionKey(batch.partitionKey()));
        List<String> ids = new ArrayList<>();
        for (TransactionalBatch.Operation op : batch.operations()) {
            ObjectNode document = op.document();
            String id = idOf(document);
            String partitionKey = partitionKeyOf(document);
            if (!partitionKey.equals(batch.partitionKey())) {
                throw new IllegalArgumentException(name + ": a batch stays in partition " + batch.partitionKey()
                        + " but document " + id + " is in " + partitionKey);
            }
            ids.add(id);
            switch (op.kind()) {
                case CREATE -> cosmosBatch.createItemOperation(document);
                case REPLACE -> {
                    if (op.ifMatch() == null) {
                        cosmosBatch.replaceItemOperation(id, document);
                    } else {
                        cosmosBatch.replaceItemOperation(id, document,
                                new CosmosBatchItemRequestOptions().setIfMatchETag(op.ifMatch()));
                    }
                }
                case UPSERT -> cosmosBatch.upsertItemOperation(document);
                default -> throw new IllegalArgumentException("unknown batch operation " + op.kind());
            }
        }
        String what = name + ": batch " + ids;
        CosmosBatchResponse response;
        try {
            response = container.executeCosmosBatch(cosmosBatch);
        } catch (CosmosException e) {
            charged("batch", batch.partitionKey(), ids.toString(), e.getStatusCode(), e.getRequestCharge());
            throw CosmosStatus.toStoreException(what, e);
        }
        charged("batch", batch.partitionKey(), ids.toString(), response.getStatusCode(), response.getRequestCharge());
        if (!response.isSuccessStatusCode()) {
            throw failure(what, response);
        }
        List<ObjectNode> stored = new ArrayList<>();
        for (CosmosBatchOperationResult result : response.getResults()) {
            stored.add(result.getItem(ObjectNode.class));
        }
        return stored;
    }

    /** The batch's own status when it names the failure, else that of the operation that failed (not a 424). */
    private static RuntimeException failure(String what, CosmosBatchResponse response) {
        int status = response.getStatusCode();
        int subStatus = response.getSubStatusCode();
        if (status == 207 || status == 424) {
            for (CosmosBatchOperationResult result : response.getResults()) {
                if (!result.isSuccessStatusCode() && result.getStatusCode() != 424) {
                    status = result.getStatusCode();
                    subStatus = result.getSubStatusCode();
                    break;
                }
            }
        }
        String detail = response.getErrorMessage() == null ? what : what + " (" + response.getErrorMessage() + ")";
        return CosmosStatus.toStoreException(detail, status, subStatus, null);
    }

    @Override
    public ChangeFeedPage readChanges(String continuation, int maxItems) {
        if (maxItems < 1) {
            throw new IllegalArgumentException(name + ": a change feed page holds at least one item, not " + maxItems);
        }
        CosmosChangeFeedRequestOptions options = continuation == null
                ? CosmosChangeFeedRequestOptions.createForProcessingFromBeginning(FeedRange.forFullRange())
                : CosmosChangeFeedRequestOptions.createForProcessingFromContinuation(continuation);
        options.setMaxItemCount(maxItems);
        try {
            Iterator<FeedResponse<ObjectNode>> pages =
                    container.queryChangeFeed(options, ObjectNode.class).iterableByPage(maxItems).iterator();
            if (!pages.hasNext()) {
                charged("changes", null, String.valueOf(continuation), 304, 0);
                return new ChangeFeedPage(List.of(), continuation);
            }
            FeedResponse<ObjectNode> page = pages.next();
            charged("changes", null, page.getResults().size() + " from " + continuation, 200, page.getRequestCharge());
            String next = page.getContinuationToken() != null ? page.getContinuationToken() : continuation;
            return new ChangeFeedPage(page.getResults(), next);
        } catch (CosmosException e) {
            charged("changes", null, String.valueOf(continuation), e.getStatusCode(), e.getRequestCharge());
            throw CosmosStatus.toStoreException(name + ": change feed", e);
        }
    }

    private String idOf(ObjectNode document) {
        JsonNode id = document.get("id");
        if (id == null || !id.isTextual() || id.asText().isEmpty()) {
            throw new IllegalArgumentException(name + ": a document needs a string id");
        }
        return id.asText();
    }

    private String partitionKeyOf(ObjectNode document) {
        JsonNode partitionKey = document.get(partitionKeyField);
        if (partitionKey == null || !partitionKey.isTextual()) {
            throw new IllegalArgumentException(name + ": a document needs its partition key " + partitionKeyField);
        }
        return partitionKey.asText();
    }

    /** The charge of one request, with the correlation id when one is in force (none is started just for this). */
    private void charged(String operation, String partitionKey, String detail, int status, double requestCharge) {
        requestCharges.record(name + " " + operation + (status >= 400 && status != 404 ? " failed" : ""),
                requestCharge);
        if (log.isDebugEnabled()) {
            log.debug("cosmos {} {} pk={} {} status={} RU={} correlationId={}", operation, name, partitionKey, detail,
                    status, requestCharge, MDC.get(Correlation.MDC_KEY));
        }
    }
}
