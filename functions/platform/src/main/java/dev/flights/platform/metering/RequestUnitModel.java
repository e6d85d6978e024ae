package dev.flights.platform.metering;

/**
 * Request units a Cosmos DB (NoSQL API) request is estimated to cost, from the document sizes a request reads or
 * writes, after the table Azure's documentation gives for session consistency and default indexing ("Understand
 * request unit consumption"): a point read of 1 KB costs 1.00 RU (2 KB 1.04, 4 KB 1.14, 8 KB 1.33, 16 KB 1.67),
 * a write of 1 KB 4.95 RU (2 KB 6.29, 4 KB 6.67, 8 KB 7.04, 16 KB 9.52); sizes between are interpolated, sizes
 * under 1 KB cost what 1 KB does. A transactional batch costs the sum of its operations.
 *
 * <p>These are estimates, not charges. What the documentation does not give is assumed and named here: a point read
 * that finds nothing costs 1 RU; a query in one partition costs {@value #QUERY_BASE} RU plus the reads of what it
 * returns; a change-feed read costs the reads of the documents it returns, and {@value #EMPTY_CHANGE_FEED} RU when it
 * returns none. A replace is priced as a write of the new document (Cosmos DB also removes the old index terms, so
 * a replace may cost more). The real charge is the SDK's {@code getRequestCharge()}, which the Cosmos DB adapter
 * records on Azure.
 */
public final class RequestUnitModel {

    /** Assumed cost of a single-partition query before the documents it returns. */
    public static final double QUERY_BASE = 2.8;
    /** Assumed cost of a change-feed read that finds no change. */
    public static final double EMPTY_CHANGE_FEED = 1.0;

    private static final double[] KB = {1, 2, 4, 8, 16};
    private static final double[] READ = {1.00, 1.04, 1.14, 1.33, 1.67};
    private static final double[] WRITE = {4.95, 6.29, 6.67, 7.04, 9.52};

    private RequestUnitModel() {
    }

    /** A point read (or a document a query or change feed returns) of {@code bytes}. */
    public static double read(long bytes) {
        return interpolate(READ, bytes);
    }

    /** A point read that finds no document. */
    public static double readMiss() {
        return 1.0;
    }

    /** A create, replace or upsert that stores a document of {@code bytes}. */
    public static double write(long bytes) {
        return interpolate(WRITE, bytes);
    }

    /** A query in one partition that returned documents of these sizes. */
    public static double query(long[] returnedBytes) {
        double ru = QUERY_BASE;
        for (long bytes : returnedBytes) {
            ru += read(bytes);
        }
        return ru;
    }

    /** A change-feed read that returned documents of these sizes (none: an empty poll). */
    public static double changeFeed(long[] returnedBytes) {
        if (returnedBytes.length == 0) {
            return EMPTY_CHANGE_FEED;
        }
        double ru = 0;
        for (long bytes : returnedBytes) {
            ru += read(bytes);
        }
        return ru;
    }

    private static double interpolate(double[] table, long bytes) {
        double kb = Math.max(1, bytes / 1024.0);
        if (kb >= KB[KB.length - 1]) {
            // beyond the table: grow in proportion to size from its last entry
            return table[table.length - 1] * kb / KB[KB.length - 1];
        }
        int i = 0;
        while (kb > KB[i + 1]) {
            i++;
        }
        double share = (kb - KB[i]) / (KB[i + 1] - KB[i]);
        return table[i] + share * (table[i + 1] - table[i]);
    }
}
