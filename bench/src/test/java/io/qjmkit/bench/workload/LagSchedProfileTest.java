package io.qjmkit.bench.workload;

import static org.assertj.core.api.Assertions.assertThat;

import io.qjmkit.bench.stats.SchedTimeline;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class LagSchedProfileTest {
    private static final SchedTimeline TIMELINE = SchedTimeline.parse(List.of(
            "     100.000100 [0001]  perf[800/800]                       0.000      0.000      0.050 ",
            "     100.004000 [0000]  Edit log tailer[501/500]            2.000      1.500      0.500 ",
            "     100.005000 [0001]  qjm-jn-io-1[701/700]                0.100      0.250      4.000 ",
            "     100.009000 [0000]  stress[900/900]                     0.000      0.000      5.000 "));

    private static LagSchedProfile profile(long from, long to) {
        Map<String, Set<Long>> groups = new LinkedHashMap<>();
        groups.put("JournalNodes", Set.of(700L, 710L));
        groups.put("NameNodes' JVM", Set.of(500L));
        return new LagSchedProfile("standby lag, idle", TIMELINE, from, to, groups);
    }

    @Test
    void reportsEachGroupsLongestThreadWaitInTheWorstSample() {
        LagSchedProfile p = profile(100_000_500_000L, 100_004_500_000L);
        assertThat(p.figures())
                .containsExactly(
                        Figure.latencyMs(
                                "standby lag, idle",
                                "worst sample: longest CPU wait of a thread of the JournalNodes (perf sched)",
                                0.25),
                        Figure.latencyMs(
                                "standby lag, idle",
                                "worst sample: longest CPU wait of a thread of the NameNodes' JVM (perf sched)",
                                1.5));
        assertThat(p.text())
                .contains("worst sample 4.000 ms")
                .contains("1.500  Edit log tailer [501]  NameNodes' JVM (pid 500)")
                .contains("0.250  qjm-jn-io-1 [701]  JournalNodes (pid 700)")
                .contains("3.500  qjm-jn-io-1 [701]  JournalNodes (pid 700)")
                .contains("0.500  stress [900]  pid 900");
    }

    @Test
    void aSampleTheRecordingDoesNotCoverGivesNoRows() {
        LagSchedProfile p = profile(90_000_000_000L, 100_004_000_000L);
        assertThat(p.figures()).isEmpty();
        assertThat(p.text()).contains("does not cover");
    }
}
