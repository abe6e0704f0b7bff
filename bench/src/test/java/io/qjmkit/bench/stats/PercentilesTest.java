package io.qjmkit.bench.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class PercentilesTest {

    @Test
    void nearestRankPicksAnObservedSample() {
        long[] samples = new long[100];
        for (int i = 0; i < 100; i++) {
            samples[i] = 100 - i; // unsorted on purpose: 100..1
        }
        Percentiles p = Percentiles.of(samples);
        assertThat(p.valueAt(50)).isEqualTo(50);
        assertThat(p.valueAt(99)).isEqualTo(99);
        assertThat(p.valueAt(99.9)).isEqualTo(100);
        assertThat(p.valueAt(1)).isEqualTo(1);
        assertThat(p.max()).isEqualTo(100);
    }

    @Test
    void smallSetsRoundTheRankUp() {
        Percentiles p = Percentiles.of(new long[] {30, 10, 20});
        assertThat(p.valueAt(50)).isEqualTo(20);
        assertThat(p.valueAt(34)).isEqualTo(20);
        assertThat(p.valueAt(33)).isEqualTo(10);
        assertThat(p.valueAt(99)).isEqualTo(30);
    }

    @Test
    void convertsNanosToMillis() {
        Percentiles p = Percentiles.of(new long[] {1_500_000, 2_500_000});
        assertThat(p.millisAt(50)).isEqualTo(1.5);
        assertThat(p.maxMillis()).isEqualTo(2.5);
    }

    @Test
    void doesNotModifyTheCallersArray() {
        long[] samples = {3, 1, 2};
        Percentiles.of(samples);
        assertThat(samples).containsExactly(3, 1, 2);
    }

    @Test
    void rejectsEmptySetsAndOutOfRangePercentiles() {
        assertThatThrownBy(() -> Percentiles.of(new long[0]).valueAt(50))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("no samples");
        assertThatThrownBy(() -> Percentiles.of(new long[] {1}).valueAt(0))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Percentiles.of(new long[] {1}).valueAt(100.1))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void recorderGrowsAndMergesWithoutLosingSamples() {
        LatencyRecorder a = new LatencyRecorder();
        for (int i = 1; i <= 5000; i++) {
            a.record(i);
        }
        LatencyRecorder b = new LatencyRecorder();
        b.record(10_000);
        b.addAll(a);
        assertThat(b.count()).isEqualTo(5001);
        assertThat(b.percentiles().max()).isEqualTo(10_000);
        assertThat(b.percentiles().valueAt(50)).isEqualTo(2501);
    }

    @Test
    void spreadGivesMedianAndRange() {
        Spread odd = Spread.of(List.of(3.0, 1.0, 2.0));
        assertThat(odd.median()).isEqualTo(2.0);
        assertThat(odd.min()).isEqualTo(1.0);
        assertThat(odd.max()).isEqualTo(3.0);
        assertThat(odd.count()).isEqualTo(3);

        Spread even = Spread.of(List.of(4.0, 1.0, 2.0, 10.0));
        assertThat(even.median()).isEqualTo(3.0);
        assertThat(even.worst(true)).isEqualTo(10.0);
        assertThat(even.worst(false)).isEqualTo(1.0);
    }

    @Test
    void spreadOfNothingFailsWithAReason() {
        assertThatThrownBy(() -> Spread.of(List.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("at least one repetition");
    }
}
