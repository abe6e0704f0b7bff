package io.qjmkit.journalnode.metrics;

/**
 * Percentiles of a {@link LogBucketHistogram}, in the unit it recorded. Percentiles are bucket
 * upper bounds (at most 25% high), {@code max} and {@code mean} are exact.
 */
public record LatencySummary(long count, long p50, long p99, long p999, long max, long mean) {
    public static final LatencySummary EMPTY = new LatencySummary(0, 0, 0, 0, 0, 0);
}
