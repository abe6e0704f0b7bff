package io.qjmkit.journalnode.metrics;

import java.util.concurrent.atomic.LongAccumulator;
import java.util.concurrent.atomic.LongAdder;

/**
 * A lock-free latency histogram with logarithmic buckets: four sub-buckets per power of two, so
 * any reported percentile is at most 25% above the true value, in a fixed 248 counters. Good
 * enough to tell a 100 µs fsync from a 10 ms one; not a replacement for HdrHistogram.
 */
public final class LogBucketHistogram {
    private static final int SUB_BUCKET_BITS = 2;
    private static final int SUB_BUCKETS = 1 << SUB_BUCKET_BITS;
    private static final int BUCKETS = (64 - SUB_BUCKET_BITS) * SUB_BUCKETS;

    private final LongAdder[] counts = new LongAdder[BUCKETS];
    private final LongAdder total = new LongAdder();
    private final LongAdder sum = new LongAdder();
    private final LongAccumulator max = new LongAccumulator(Math::max, 0);

    public LogBucketHistogram() {
        for (int i = 0; i < BUCKETS; i++) {
            counts[i] = new LongAdder();
        }
    }

    /** Records one value (negative values count as 0). */
    public void record(long value) {
        long v = Math.max(0, value);
        counts[bucketOf(v)].increment();
        total.increment();
        sum.add(v);
        max.accumulate(v);
    }

    /** Percentiles of what was recorded so far, each the upper bound of its bucket (capped at max). */
    public LatencySummary summary() {
        long[] snapshot = new long[BUCKETS];
        long n = 0;
        for (int i = 0; i < BUCKETS; i++) {
            snapshot[i] = counts[i].sum();
            n += snapshot[i];
        }
        if (n == 0) {
            return LatencySummary.EMPTY;
        }
        long observedMax = max.get();
        return new LatencySummary(
                n,
                Math.min(observedMax, percentile(snapshot, n, 0.50)),
                Math.min(observedMax, percentile(snapshot, n, 0.99)),
                Math.min(observedMax, percentile(snapshot, n, 0.999)),
                observedMax,
                sum.sum() / Math.max(1, total.sum()));
    }

    private static long percentile(long[] snapshot, long n, double q) {
        long rank = (long) Math.ceil(q * n);
        long seen = 0;
        for (int i = 0; i < BUCKETS; i++) {
            seen += snapshot[i];
            if (seen >= rank) {
                return upperBound(i);
            }
        }
        return upperBound(BUCKETS - 1);
    }

    /** Values below {@code SUB_BUCKETS} get one bucket each; above, 4 buckets per power of two. */
    static int bucketOf(long v) {
        if (v < SUB_BUCKETS) {
            return (int) v;
        }
        int msb = 63 - Long.numberOfLeadingZeros(v);
        int sub = (int) ((v >>> (msb - SUB_BUCKET_BITS)) & (SUB_BUCKETS - 1));
        return (msb - SUB_BUCKET_BITS + 1) * SUB_BUCKETS + sub;
    }

    /** The largest value that falls into {@code bucket}. */
    static long upperBound(int bucket) {
        if (bucket < SUB_BUCKETS) {
            return bucket;
        }
        int msb = bucket / SUB_BUCKETS + SUB_BUCKET_BITS - 1;
        long sub = bucket % SUB_BUCKETS;
        long lower = (1L << msb) | (sub << (msb - SUB_BUCKET_BITS));
        long width = 1L << (msb - SUB_BUCKET_BITS);
        return msb >= 62 && sub == SUB_BUCKETS - 1 ? Long.MAX_VALUE : lower + width - 1;
    }
}
