package dev.flights.bench;

/**
 * The list prices the cost part turns counts into money with, in US dollars, pay-as-you-go, as docs/cost.md writes
 * them down with their date and where they come from (keep the two in step). A price the sources reached did not
 * confirm is marked {@code unverified} there and in the figure's name.
 */
record ListPrices(
        double cosmosServerlessPerMillionRu,
        boolean cosmosVerified,
        double serviceBusStandardBasePerHour,
        long serviceBusStandardIncludedOperations,
        double serviceBusStandardPerMillionOperations,
        boolean serviceBusVerified,
        double flexPerGbSecond,
        double flexPerMillionExecutions,
        boolean flexExecutionsVerified,
        double flexInstanceMemoryGb) {

    /** Hours in a month, as Azure's monthly estimates count them. */
    static final double HOURS_PER_MONTH = 730;

    /** docs/cost.md, "List prices". */
    static ListPrices asWrittenDown() {
        return new ListPrices(
                0.25, true,
                0.0135, 13_000_000, 0.80, false,
                0.000026, 0.40, false,
                2.0);
    }

    /** Cosmos DB serverless: request units only (storage is priced apart, per GB, and not here). */
    double cosmos(double requestUnitsPerMonth) {
        return requestUnitsPerMonth / 1e6 * cosmosServerlessPerMillionRu;
    }

    /** Service Bus Standard: the base charge for the month plus the operations beyond those it includes. */
    double serviceBus(double operationsPerMonth) {
        return HOURS_PER_MONTH * serviceBusStandardBasePerHour
                + Math.max(0, operationsPerMonth - serviceBusStandardIncludedOperations) / 1e6
                * serviceBusStandardPerMillionOperations;
    }

    /**
     * Flex Consumption, on demand, no free grant: executions, and the instance memory for the time executions ran
     * (their sum: an upper bound, as executions that overlap on one instance are billed once).
     */
    double functions(double executionsPerMonth, double executionSecondsPerMonth) {
        return executionsPerMonth / 1e6 * flexPerMillionExecutions
                + executionSecondsPerMonth * flexInstanceMemoryGb * flexPerGbSecond;
    }
}
