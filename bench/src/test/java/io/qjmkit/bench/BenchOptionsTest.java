package io.qjmkit.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.qjmkit.bench.workload.Durations;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class BenchOptionsTest {

    @Test
    void quickModeDefaultsToTwoRepetitionsAndShortPhases() {
        BenchOptions o = BenchOptions.parse(List.of("--quick", "--dist", "/d", "--out", "/o"));
        assertThat(o.quick()).isTrue();
        assertThat(o.reps()).isEqualTo(2);
        assertThat(o.durations()).isEqualTo(Durations.QUICK);
        assertThat(o.dist()).isEqualTo(Path.of("/d"));
        assertThat(o.out()).isEqualTo(Path.of("/o"));
        assertThat(o.jfr()).isFalse();
        assertThat(o.namenodes()).isTrue();
    }

    @Test
    void fullModeDefaultsToFiveRepetitionsAndATimestampedResultsDir() {
        BenchOptions o = BenchOptions.parse(List.of("--dist", "/d", "--reps", "3", "--jfr", "--journal-only"));
        assertThat(o.reps()).isEqualTo(3);
        assertThat(o.durations()).isEqualTo(Durations.FULL);
        assertThat(o.jfr()).isTrue();
        assertThat(o.namenodes()).isFalse();
        assertThat(o.out().toString()).matches("bench/results/\\d{8}-\\d{6}Z");
    }

    @Test
    void helpReturnsNoOptions() {
        assertThat(BenchOptions.parse(List.of("--quick", "--help"))).isNull();
    }

    @Test
    void badArgumentsFailWithTheOptionName() {
        assertThatThrownBy(() -> BenchOptions.parse(List.of("--dist", "/d", "--reps", "0")))
                .hasMessageContaining("--reps needs a positive whole number");
        assertThatThrownBy(() -> BenchOptions.parse(List.of("--dist", "/d", "--out")))
                .hasMessageContaining("--out needs a value");
        assertThatThrownBy(() -> BenchOptions.parse(List.of("--dist", "/d", "--fast")))
                .hasMessageContaining("unknown argument '--fast'");
    }
}
