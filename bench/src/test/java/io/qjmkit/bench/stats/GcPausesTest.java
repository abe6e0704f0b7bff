package io.qjmkit.bench.stats;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;

class GcPausesTest {
    private static final long MS = 1_000_000L;

    @Test
    void countsOnlyTheCollectionTimeInsideTheWindowWidenedByAMillisecond() {
        GcPauses pauses = new GcPauses();
        // Heard at once and 3 ms late: the earlier places the collectors' origin at nanoTime 0.
        pauses.record(new GcPauses.Collection("young", 100, 104, 104 * MS));
        pauses.record(new GcPauses.Collection("young", 200, 203, 206 * MS));

        assertThat(pauses.overlapMillis(101 * MS, 102 * MS)).isEqualTo(3); // [100, 103] of [100, 104]
        assertThat(pauses.overlapMillis(90 * MS, 250 * MS)).isEqualTo(4 + 3);
        assertThat(pauses.overlapMillis(110 * MS, 190 * MS)).isZero();
        assertThat(pauses.overlapMillis(205 * MS, 300 * MS)).isZero();
    }

    @Test
    void aLateAnnouncementIsPlacedByTheEarliestOneHeardBeforeIt() {
        GcPauses pauses = new GcPauses();
        pauses.record(new GcPauses.Collection("young", 100, 104, 104 * MS));
        // Announced 6 ms after it ended: on its own it would be placed at [206, 209].
        pauses.record(new GcPauses.Collection("young", 200, 203, 209 * MS));

        assertThat(pauses.overlapMillis(199 * MS, 203 * MS)).isEqualTo(3);
        assertThat(pauses.overlapMillis(206 * MS, 210 * MS)).isZero();
    }

    @Test
    void countsTheCollectionsAnnouncedInAWindow() {
        GcPauses pauses = new GcPauses();
        pauses.record(new GcPauses.Collection("young", 100, 104, 104 * MS));
        pauses.record(new GcPauses.Collection("young", 200, 203, 206 * MS));
        pauses.record(new GcPauses.Collection("old", 300, 340, 341 * MS));

        assertThat(pauses.heardBetween(105 * MS, 341 * MS)).isEqualTo(2);
        assertThat(pauses.heardBetween(0, 103 * MS)).isZero();
    }

    @Test
    void nothingHeardMeansNoPause() {
        assertThat(new GcPauses().overlapMillis(0, 1000 * MS)).isZero();
    }

    @Test
    void hearsACollectionOfThisJvmAndPlacesItInTime() {
        try (GcPauses pauses = GcPauses.listen()) {
            long before = System.nanoTime();
            System.gc();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (pauses.collections().isEmpty() && System.nanoTime() < deadline) {
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(1)); // notifications arrive on their own thread
            }
            long after = System.nanoTime();

            assertThat(pauses.collections()).as("System.gc() is announced").isNotEmpty();
            long announced = pauses.collections().stream()
                    .mapToLong(c -> c.endMs() - c.startMs())
                    .sum();
            assertThat(pauses.overlapMillis(before, after))
                    .as("every collection announced happened inside the window")
                    .isEqualTo(announced);
            assertThat(pauses.overlapMillis(
                            before - TimeUnit.SECONDS.toNanos(60), before - TimeUnit.SECONDS.toNanos(30)))
                    .isZero();
        }
    }
}
