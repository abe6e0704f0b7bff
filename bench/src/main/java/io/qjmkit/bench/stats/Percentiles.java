package io.qjmkit.bench.stats;

import java.util.Arrays;

/**
 * Nearest-rank percentiles of a set of samples (nanoseconds): the p-th percentile is the smallest
 * sample such that at least p percent of the samples are at or below it. No interpolation, so every
 * reported value is one that was actually observed.
 */
public final class Percentiles {
    private static final double NANOS_PER_MILLI = 1_000_000.0;
    private final long[] sorted;

    private Percentiles(long[] sorted) {
        this.sorted = sorted;
    }

    /** Percentiles of {@code samples}; the array is copied, not modified. */
    public static Percentiles of(long[] samples) {
        long[] copy = samples.clone();
        Arrays.sort(copy);
        return new Percentiles(copy);
    }

    public int count() {
        return sorted.length;
    }

    /** The nearest-rank {@code p}-th percentile, {@code 0 < p <= 100}. */
    public long valueAt(double p) {
        if (!(p > 0 && p <= 100)) {
            throw new IllegalArgumentException("percentile must be in (0, 100], got " + p);
        }
        if (sorted.length == 0) {
            throw new IllegalStateException("no samples recorded: cannot compute p" + p);
        }
        int rank = (int) Math.ceil(p / 100.0 * sorted.length);
        return sorted[Math.max(rank, 1) - 1];
    }

    public long max() {
        return valueAt(100);
    }

    /** {@link #valueAt} in milliseconds. */
    public double millisAt(double p) {
        return valueAt(p) / NANOS_PER_MILLI;
    }

    public double maxMillis() {
        return max() / NANOS_PER_MILLI;
    }
}
