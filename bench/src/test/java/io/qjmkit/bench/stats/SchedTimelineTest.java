package io.qjmkit.bench.stats;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SchedTimelineTest {
    // As `perf sched timehist` prints them (times in s, the rest in ms); thread names may hold spaces.
    private static final List<String> LINES = List.of(
            "           time    cpu  task name                       wait time  sch delay   run time",
            "                        [tid/pid]                          (msec)     (msec)     (msec)",
            "--------------- ------  ------------------------------  ---------  ---------  ---------",
            "     100.001000 [0000]  <idle>                              0.000      0.000      1.000 ",
            "     100.002500 [0001]  perf[800/800]                       0.000      0.000      0.100 ",
            "     100.004000 [0000]  Edit log tailer[501/500]            2.000      1.500      0.500 ",
            "     100.005000 [0001]  qjm-jn-io-1[701/700]                0.100      0.000      4.000 ",
            "     100.006000 [0000]  GC Thread#0[502/500]                0.000      0.200      2.000 ",
            "     100.007000 [0001]  kworker/1:1H-kb[22]                 0.000      0.000      0.300 ");

    @Test
    void parsesStretchesAndSkipsHeadersAndIdle() {
        SchedTimeline.Stretch s = SchedTimeline.parseLine(LINES.get(5));
        assertThat(s)
                .isEqualTo(new SchedTimeline.Stretch(
                        "Edit log tailer", 501, 500, 0, 100_002_000_000L, 100_003_500_000L, 100_004_000_000L));
        assertThat(SchedTimeline.parseLine(LINES.get(8)).pid())
                .as("a kernel thread has no separate pid")
                .isEqualTo(22);
        for (int i = 0; i < 4; i++) {
            assertThat(SchedTimeline.parseLine(LINES.get(i))).isNull();
        }
    }

    @Test
    void waitsAndRunningAreCutToTheWindow() {
        SchedTimeline t = SchedTimeline.parse(LINES);
        long from = 100_003_000_000L;
        long to = 100_005_000_000L;
        // The tailer waited 100.0020..100.0035 (0.5 ms of it in the window); the GC thread
        // 100.0038..100.0040 (0.2 ms).
        assertThat(t.waits(from, to))
                .containsExactly(
                        new SchedTimeline.ThreadTime("Edit log tailer", 501, 500, 500_000),
                        new SchedTimeline.ThreadTime("GC Thread#0", 502, 500, 200_000));
        assertThat(t.running(from, to))
                .containsExactly(
                        new SchedTimeline.ThreadTime("qjm-jn-io-1", 701, 700, 2_000_000),
                        new SchedTimeline.ThreadTime("GC Thread#0", 502, 500, 1_000_000),
                        new SchedTimeline.ThreadTime("Edit log tailer", 501, 500, 500_000));
        assertThat(t.longestWait(from, to, Set.of(500L))).isEqualTo(500_000);
        assertThat(t.longestWait(from, to, Set.of(700L))).isZero();
    }

    @Test
    void coversOnlyWhatTheRecordingSpans() {
        SchedTimeline t = SchedTimeline.parse(LINES);
        assertThat(t.covers(100_003_000_000L, 100_005_000_000L)).isTrue();
        assertThat(t.covers(100_002_000_000L, 100_005_000_000L))
                .as("the first event is at 100.0025; the run and delays before it are inferred")
                .isFalse();
        assertThat(t.covers(100_003_000_000L, 100_008_000_000L)).isFalse();
        assertThat(SchedTimeline.parse(List.of()).covers(1, 2)).isFalse();
    }
}
