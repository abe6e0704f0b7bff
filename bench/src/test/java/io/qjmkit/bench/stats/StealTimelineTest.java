package io.qjmkit.bench.stats;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;

class StealTimelineTest {
    private static StealTimeline readings(long[][] atNanosAndTicks) {
        StealTimeline t = new StealTimeline(() -> 0, Duration.ofMillis(5), false);
        for (long[] r : atNanosAndTicks) {
            t.record(r[0], r[1]);
        }
        return t;
    }

    @Test
    void countsTheTicksBetweenTheReadingsThatBracketTheStretch() {
        StealTimeline t =
                readings(new long[][] {{0, 7}, {5_000_000, 7}, {10_000_000, 8}, {15_000_000, 9}, {20_000_000, 9}});
        // 6..12 ms lies between the readings at 5 and 15 ms: two ticks of steal, 20 ms.
        assertThat(t.stealMillisAround(6_000_000, 12_000_000)).isEqualTo(20.0);
        // Exactly on readings: 10..15 ms.
        assertThat(t.stealMillisAround(10_000_000, 15_000_000)).isEqualTo(10.0);
        assertThat(t.stealMillisAround(15_000_000, 20_000_000)).isZero();
    }

    @Test
    void aStretchTheReadingsDoNotCoverGivesMinusOne() {
        StealTimeline t = readings(new long[][] {{10_000_000, 1}, {20_000_000, 2}});
        assertThat(t.stealMillisAround(5_000_000, 15_000_000)).isEqualTo(-1);
        assertThat(t.stealMillisAround(12_000_000, 25_000_000)).isEqualTo(-1);
    }

    @Test
    void theSamplerReadsUntilClosedAndOnceMoreOnClose() {
        AtomicLong ticks = new AtomicLong();
        StealTimeline t = new StealTimeline(ticks::incrementAndGet, Duration.ofMillis(1), true);
        awaitReadings(ticks, 1);
        long from = System.nanoTime();
        awaitReadings(ticks, ticks.get() + 2);
        long to = System.nanoTime();
        t.close();
        long readsAtClose = ticks.get();
        // Every reading here counts one more tick: at least the readings after "from" and on close.
        assertThat(t.stealMillisAround(from, to)).isGreaterThanOrEqualTo(20.0);
        assertThat(t.stealMillisAround(from, System.nanoTime()))
                .as("nothing is read after close")
                .isEqualTo(-1);
        t.close();
        assertThat(ticks.get()).as("a second close reads nothing more").isEqualTo(readsAtClose);
    }

    private static void awaitReadings(AtomicLong ticks, long n) {
        while (ticks.get() < n) {
            LockSupport.parkNanos(1_000_000);
        }
    }
}
