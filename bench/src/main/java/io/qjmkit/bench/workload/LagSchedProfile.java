package io.qjmkit.bench.workload;

import io.qjmkit.bench.stats.SchedTimeline;
import io.qjmkit.bench.stats.SchedTimeline.ThreadTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * What the scheduler did during the worst sample of a standby-lag phase: for each group of
 * processes (the JournalNodes, the NameNodes' JVM) the longest time one of its threads waited
 * for a CPU, as table rows, and a readable list of the threads that waited and of those that ran.
 * Lag that is a journal thread waiting for a core is the two cores being busy, not the journal.
 */
public final class LagSchedProfile {
    private static final int LISTED = 12;

    private final String scenario;
    private final SchedTimeline timeline;
    private final long from;
    private final long to;
    private final Map<String, Set<Long>> groups;

    /** The worst sample {@code [from, to]} (nanoTime) of {@code scenario}; {@code groups} name pid sets. */
    public LagSchedProfile(String scenario, SchedTimeline timeline, long from, long to, Map<String, Set<Long>> groups) {
        this.scenario = scenario;
        this.timeline = timeline;
        this.from = from;
        this.to = to;
        this.groups = new LinkedHashMap<>(groups);
    }

    /** One row per group: its threads' longest wait for a CPU during the worst sample; none if not covered. */
    public List<Figure> figures() {
        List<Figure> out = new ArrayList<>();
        if (!timeline.covers(from, to)) {
            return out;
        }
        for (Map.Entry<String, Set<Long>> g : groups.entrySet()) {
            out.add(Figure.latencyMs(
                    scenario,
                    "worst sample: longest CPU wait of a thread of the " + g.getKey() + " (perf sched)",
                    timeline.longestWait(from, to, g.getValue()) / 1e6));
        }
        return out;
    }

    /** The threads that waited for a CPU, and those that ran, during the worst sample. */
    public String text() {
        StringBuilder b = new StringBuilder();
        b.append(String.format(
                Locale.ROOT, "%s: worst sample %.3f ms, monotonic %d..%d ns%n", scenario, (to - from) / 1e6, from, to));
        if (!timeline.covers(from, to)) {
            return b.append("the recording does not cover this sample\n").toString();
        }
        b.append("waited for a CPU (ms, thread [tid], process):\n");
        list(b, timeline.waits(from, to));
        b.append("ran (ms of CPU, thread [tid], process):\n");
        list(b, timeline.running(from, to));
        return b.toString();
    }

    private void list(StringBuilder b, List<ThreadTime> times) {
        for (ThreadTime t : times.subList(0, Math.min(LISTED, times.size()))) {
            b.append(String.format(
                    Locale.ROOT, "  %8.3f  %s [%d]  %s%n", t.nanos() / 1e6, t.comm(), t.tid(), groupOf(t.pid())));
        }
        if (times.size() > LISTED) {
            b.append("  ... ").append(times.size() - LISTED).append(" more\n");
        }
    }

    private String groupOf(long pid) {
        for (Map.Entry<String, Set<Long>> g : groups.entrySet()) {
            if (g.getValue().contains(pid)) {
                return g.getKey() + " (pid " + pid + ")";
            }
        }
        return "pid " + pid;
    }
}
