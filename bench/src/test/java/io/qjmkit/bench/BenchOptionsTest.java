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
        assertThat(o.journal()).isTrue();
        assertThat(o.failover()).isTrue();
        assertThat(o.keepWork())
                .as("the scratch directory is deleted by default")
                .isFalse();
        assertThat(BenchOptions.parse(List.of("--dist", "/d", "--keep-work")).keepWork())
                .isTrue();
    }

    @Test
    void schedTraceIsOffByDefaultAndNeedsTheStandbyLagPhases() {
        assertThat(BenchOptions.parse(List.of("--dist", "/d")).schedTrace()).isFalse();
        assertThat(BenchOptions.parse(List.of("--dist", "/d", "--quick", "--no-failover", "--sched-trace"))
                        .schedTrace())
                .isTrue();
        assertThatThrownBy(() -> BenchOptions.parse(List.of("--dist", "/d", "--sched-trace", "--journal-only")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContainingAll("--sched-trace", "--journal-only");
        assertThatThrownBy(() -> BenchOptions.parse(List.of("--dist", "/d", "--failover-only", "--sched-trace")))
                .hasMessageContaining("--failover-only");
    }

    @Test
    void profileIsOffByDefaultAndNeedsTheGroupCommitPhase() {
        assertThat(BenchOptions.parse(List.of("--dist", "/d")).profile()).isFalse();
        assertThat(BenchOptions.parse(List.of("--dist", "/d", "--no-failover", "--profile"))
                        .profile())
                .isTrue();
        assertThatThrownBy(() -> BenchOptions.parse(List.of("--dist", "/d", "--profile", "--journal-only")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContainingAll("--profile", "--journal-only");
        assertThatThrownBy(() -> BenchOptions.parse(List.of("--dist", "/d", "--failover-only", "--profile")))
                .hasMessageContaining("--failover-only");
    }

    @Test
    void fullModeDefaultsToFiveRepetitionsAndATimestampedResultsDir() {
        BenchOptions o = BenchOptions.parse(List.of("--dist", "/d", "--reps", "3", "--jfr", "--journal-only"));
        assertThat(o.reps()).isEqualTo(3);
        assertThat(o.durations()).isEqualTo(Durations.FULL);
        assertThat(o.jfr()).isTrue();
        assertThat(o.namenodes()).isFalse();
        assertThat(o.failover())
                .as("--journal-only skips the failover scenarios")
                .isFalse();
        assertThat(o.out().toString()).matches("bench/results/\\d{8}-\\d{6}Z");
    }

    @Test
    void failoverOnlySkipsTheRepetitionsAndNoFailoverSkipsTheFailovers() {
        BenchOptions only = BenchOptions.parse(List.of("--dist", "/d", "--failover-only"));
        assertThat(only.journal()).isFalse();
        assertThat(only.failover()).isTrue();
        BenchOptions none = BenchOptions.parse(List.of("--dist", "/d", "--no-failover"));
        assertThat(none.journal()).isTrue();
        assertThat(none.namenodes()).isTrue();
        assertThat(none.failover()).isFalse();
        assertThatThrownBy(() -> BenchOptions.parse(List.of("--dist", "/d", "--failover-only", "--journal-only")))
                .hasMessageContaining("exclude each other");
        assertThatThrownBy(() -> BenchOptions.parse(List.of("--dist", "/d", "--failover-only", "--no-failover")))
                .hasMessageContaining("exclude each other");
    }

    @Test
    void zooKeeperClientSideRunsWhenItsProviderIsOnTheClasspathOrNamed() {
        assertThat(BenchOptions.parse(List.of("--dist", "/d"), c -> false).zkClientProvider())
                .isNull();
        assertThat(BenchOptions.parse(List.of("--dist", "/d"), c -> true).zkClientProvider())
                .isEqualTo(BenchOptions.ZK_CLIENT_PROVIDER);
        assertThat(BenchOptions.parse(List.of("--dist", "/d", "--zk-client-provider", "none"), c -> true)
                        .zkClientProvider())
                .isNull();
        assertThat(BenchOptions.parse(List.of("--dist", "/d", "--zk-client-provider", "a.B"), "a.B"::equals)
                        .zkClientProvider())
                .isEqualTo("a.B");
        assertThat(BenchOptions.parse(List.of("--dist", "/d", "--no-failover"), c -> true)
                        .zkClientProvider())
                .as("no failover, no extra side")
                .isNull();
        assertThatThrownBy(() -> BenchOptions.parse(List.of("--dist", "/d", "--zk-client-provider", "a.B"), c -> false))
                .hasMessageContaining("a.B is not on the classpath");
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
