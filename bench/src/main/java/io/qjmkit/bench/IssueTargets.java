package io.qjmkit.bench;

import io.qjmkit.bench.failover.FailoverPhase;
import io.qjmkit.bench.failover.FailoverScenario;
import io.qjmkit.bench.report.Measurement.FigureKey;
import io.qjmkit.bench.report.Target;
import io.qjmkit.bench.workload.GroupCommitWorkload;
import io.qjmkit.bench.workload.JournalWriteWorkload;
import io.qjmkit.bench.workload.MkdirsWorkload;
import io.qjmkit.bench.workload.StandbyLagWorkload;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Function;

/** The performance targets of the benchmark issue, by figure. Figures not listed have no target. */
public final class IssueTargets implements Function<FigureKey, Target> {
    static final String RSS_SCENARIO = "JournalNode RSS, 32-thread mkdirs";
    static final String RSS_METRIC = "max RSS of 3 JNs";
    /** Explanatory CPU figures (no target): where the cores went during the 32-thread load. */
    static final String CPU_SCENARIO = "CPU, 32-thread mkdirs";

    private final Map<FigureKey, Target> targets = new HashMap<>();

    public IssueTargets() {
        put(JournalWriteWorkload.scenario(1), "flush p50", Target.ratioAtMost(0.5));
        put(JournalWriteWorkload.scenario(1), "flush p99", Target.ratioAtMost(1.0));
        put(JournalWriteWorkload.scenario(1), "throughput", Target.ratioAtLeast(2.0));
        put(JournalWriteWorkload.scenario(10), "throughput", Target.ratioAtLeast(2.0));
        put(JournalWriteWorkload.scenario(100), "throughput", Target.ratioAtLeast(1.0));
        put(GroupCommitWorkload.scenario(8), "op p50", Target.ratioAtMost(0.5));
        put(GroupCommitWorkload.scenario(8), "op p99", Target.ratioAtMost(0.5));
        put(MkdirsWorkload.scenario(1), "throughput", Target.ratioAtLeast(1.3));
        put(MkdirsWorkload.scenario(8), "throughput", Target.ratioAtLeast(1.0));
        put(MkdirsWorkload.scenario(32), "throughput", Target.ratioAtLeast(1.0));
        put(StandbyLagWorkload.scenario(false), "lag max", Target.absoluteAtMost(2.0, "ms"));
        put(StandbyLagWorkload.scenario(true), "lag max", Target.absoluteAtMost(2.0, "ms"));
        put(RSS_SCENARIO, RSS_METRIC, Target.ratioAtMost(1.0));
        // Failover: absolute targets over the rounds (each round is one value of the range).
        put(
                FailoverScenario.SIGKILL.scenario(),
                FailoverScenario.KILL_TO_FIRST_WRITE,
                Target.allOf(Target.medianBelow(1000, "ms"), Target.maxAtMost(1500, "ms", null)));
        put(
                FailoverScenario.GRACEFUL.scenario(),
                FailoverScenario.LONGEST_GAP,
                Target.allOf(Target.medianAtMost(300, "ms"), Target.maxAtMost(500, "ms", null)));
        for (FailoverScenario s : FailoverScenario.values()) {
            put(s.scenario(), FailoverScenario.FAILED_ROUNDS, Target.maxAtMost(0, "rounds", null));
        }
        put(
                FailoverScenario.HOST_LOSS.scenario(),
                FailoverScenario.TO_NEW_ACTIVE,
                Target.maxAtMost(
                        FailoverPhase.ZK_SESSION_TIMEOUT_MS + 500,
                        "ms",
                        "ZK session timeout " + FailoverPhase.ZK_SESSION_TIMEOUT_MS + " ms + 500"));
    }

    private void put(String scenario, String metric, Target t) {
        targets.put(new FigureKey(scenario, metric), t);
    }

    @Override
    public Target apply(FigureKey key) {
        return targets.get(key);
    }
}
