package io.qjmkit.bench.stats;

import java.util.Arrays;

/**
 * Collects latency samples in nanoseconds into a growable primitive array, so that recording costs
 * no allocation per sample on the measured path. Not thread-safe: one recorder per thread, merged
 * after the threads finish.
 */
public final class LatencyRecorder {
    private long[] samples = new long[1024];
    private int size;

    public void record(long nanos) {
        if (size == samples.length) {
            samples = Arrays.copyOf(samples, size * 2);
        }
        samples[size++] = nanos;
    }

    public int count() {
        return size;
    }

    /** The mean of the samples in nanoseconds; 0 when there are none. */
    public double meanNanos() {
        long sum = 0;
        for (int i = 0; i < size; i++) {
            sum += samples[i];
        }
        return size == 0 ? 0 : (double) sum / size;
    }

    /** Adds every sample of {@code other} to this recorder. */
    public void addAll(LatencyRecorder other) {
        for (int i = 0; i < other.size; i++) {
            record(other.samples[i]);
        }
    }

    /** The percentiles of what was recorded so far. */
    public Percentiles percentiles() {
        return Percentiles.of(Arrays.copyOf(samples, size));
    }
}
