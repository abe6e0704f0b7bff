package io.qjmkit.journalnode.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class LogBucketHistogramTest {
    @Test
    void everyValueFallsInABucketWhoseUpperBoundIsAtMostAQuarterAbove() {
        long[] samples = {0, 1, 3, 4, 5, 7, 8, 9, 15, 16, 1000, 123_456, 1L << 40, (1L << 40) + 1, Long.MAX_VALUE};
        for (long v : samples) {
            int bucket = LogBucketHistogram.bucketOf(v);
            long upper = LogBucketHistogram.upperBound(bucket);
            assertThat(upper).as("upper bound of %d", v).isGreaterThanOrEqualTo(v);
            assertThat((double) upper).as("error for %d", v).isLessThanOrEqualTo(v * 1.25 + 1);
            if (bucket > 0) {
                assertThat(LogBucketHistogram.upperBound(bucket - 1)).isLessThan(v);
            }
        }
    }

    @Test
    void bucketsAreContiguous() {
        int last = LogBucketHistogram.bucketOf(Long.MAX_VALUE);
        assertThat(LogBucketHistogram.upperBound(last)).isEqualTo(Long.MAX_VALUE);
        for (int b = 1; b <= last; b++) {
            long previousUpper = LogBucketHistogram.upperBound(b - 1);
            assertThat(LogBucketHistogram.bucketOf(previousUpper + 1)).isEqualTo(b);
        }
    }

    @Test
    void reportsPercentilesWithinBucketPrecisionAndExactMax() {
        LogBucketHistogram h = new LogBucketHistogram();
        for (int i = 1; i <= 1000; i++) {
            h.record(i * 10L); // 10 .. 10000
        }

        LatencySummary s = h.summary();

        assertThat(s.count()).isEqualTo(1000);
        assertThat(s.p50()).isBetween(5000L, 6250L);
        assertThat(s.p99()).isBetween(9900L, 10000L);
        assertThat(s.p999()).isBetween(9990L, 10000L);
        assertThat(s.max()).isEqualTo(10000);
        assertThat(s.mean()).isEqualTo(5005);
    }

    @Test
    void emptyHistogramReportsZeros() {
        assertThat(new LogBucketHistogram().summary()).isEqualTo(LatencySummary.EMPTY);
    }

    @Test
    void rareSlowOutlierShowsInTailNotMedian() {
        LogBucketHistogram h = new LogBucketHistogram();
        for (int i = 0; i < 999; i++) {
            h.record(100);
        }
        h.record(50_000);

        LatencySummary s = h.summary();

        assertThat(s.p50()).isBetween(100L, 125L);
        assertThat(s.p99()).isBetween(100L, 125L);
        assertThat(s.p999()).isBetween(100L, 125L);
        assertThat(s.max()).isEqualTo(50_000);
    }
}
