package io.qjmkit.bench.workload;

import io.qjmkit.bench.stats.HostLoad;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * CPU used while a workload runs, by the parts that compete for the machine's cores: the three
 * JournalNode processes, the standby's edit-log tailer thread, and this whole JVM (both NameNodes and
 * the clients). Reported per thousand operations, so that a faster side is not penalised for doing
 * more work; on a 2-core machine CPU per operation is the main speed lever (DESIGN.md section 9).
 */
public final class CpuMeter {
    /** Linux thread name (first 15 characters) of Hadoop's EditLogTailer thread. */
    private static final String TAILER_THREAD = "Edit log tailer";

    private final HostLoad host;
    private final List<Long> journalNodePids;
    private final long selfPid = ProcessHandle.current().pid();
    private final long startNanos;
    private final long jnStart;
    private final long tailerStart;
    private final long selfStart;
    private final ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    private final Map<Long, Long> threadCpuStart;

    public CpuMeter(HostLoad host, List<Long> journalNodePids) {
        this.host = host;
        this.journalNodePids = List.copyOf(journalNodePids);
        this.startNanos = System.nanoTime();
        this.jnStart = journalNodeTicks();
        this.tailerStart = host.ownThreadCpuTicks(TAILER_THREAD);
        this.selfStart = host.processCpuTicks(selfPid);
        this.threadCpuStart = threadCpu();
    }

    private Map<Long, Long> threadCpu() {
        Map<Long, Long> cpu = new HashMap<>();
        for (long id : threads.getAllThreadIds()) {
            cpu.put(id, threads.getThreadCpuTime(id));
        }
        return cpu;
    }

    /**
     * Where this JVM's CPU went since the meter started, by thread name (digits folded), top
     * {@code n} groups in ms: the diagnostic that explains a gap, logged beside the figures.
     */
    public String topThreads(int n) {
        Map<String, Long> byName = new HashMap<>();
        for (ThreadInfo info : threads.getThreadInfo(threads.getAllThreadIds())) {
            if (info == null) {
                continue;
            }
            long now = threads.getThreadCpuTime(info.getThreadId());
            long used = now - threadCpuStart.getOrDefault(info.getThreadId(), 0L);
            if (now > 0 && used > 0) {
                byName.merge(info.getThreadName().replaceAll("[0-9]+", "N"), used, Long::sum);
            }
        }
        return byName.entrySet().stream()
                .sorted(Map.Entry.<String, Long>comparingByValue().reversed())
                .limit(n)
                .map(e -> e.getKey() + "=" + e.getValue() / 1_000_000 + "ms")
                .collect(Collectors.joining(", "));
    }

    private long journalNodeTicks() {
        long sum = 0;
        for (long pid : journalNodePids) {
            sum += host.processCpuTicks(pid);
        }
        return sum;
    }

    /** Figures for {@code scenario}, given the operations per second the workload sustained. */
    public List<Figure> figures(String scenario, double opsPerSecond) {
        double seconds = (System.nanoTime() - startNanos) / 1e9;
        double kiloOps = opsPerSecond * seconds / 1000.0;
        return List.of(
                perKiloOps(scenario, "3 JNs", journalNodeTicks() - jnStart, kiloOps),
                perKiloOps(scenario, "standby tailer", host.ownThreadCpuTicks(TAILER_THREAD) - tailerStart, kiloOps),
                perKiloOps(scenario, "NameNode JVM", host.processCpuTicks(selfPid) - selfStart, kiloOps));
    }

    private static Figure perKiloOps(String scenario, String part, long ticks, double kiloOps) {
        double cpuMs = ticks / HostLoad.TICKS_PER_SECOND * 1000.0;
        return new Figure(scenario, part + " CPU per 1k ops", "ms", true, kiloOps > 0 ? cpuMs / kiloOps : Double.NaN);
    }
}
