package io.qjmkit.bench.workload;

import io.qjmkit.bench.stats.GcPauses;
import io.qjmkit.bench.stats.HostLoad;
import io.qjmkit.bench.stats.LatencyRecorder;
import io.qjmkit.bench.stats.Percentiles;
import io.qjmkit.bench.stats.RunQueueWait;
import io.qjmkit.bench.stats.StealTimeline;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;
import org.apache.hadoop.fs.permission.FsPermission;
import org.apache.hadoop.hdfs.server.namenode.FSEditLog;
import org.apache.hadoop.hdfs.server.namenode.FSImage;
import org.apache.hadoop.hdfs.server.namenode.NameNode;
import org.apache.hadoop.hdfs.server.protocol.NamenodeProtocols;

/**
 * Standby lag: a probe thread creates a directory on the active NameNode; from the moment the call
 * returns (the edit is acknowledged by the journal), it polls the standby every ~50 µs until the
 * standby has applied the active's synced transaction id. Idle, or with background writers.
 * Under load the synced id can include a later batch than the probe's own, so the figure is an
 * upper bound by at most one batch.
 *
 * <p>For the worst sample it also reports how long, during it, the probe thread and the standby's
 * tailer thread were runnable but waiting for a CPU (Linux schedstat), and how much garbage
 * collection of this JVM (where both NameNodes run) overlapped it, and how much CPU the hypervisor
 * took from this virtual machine around it: lag that is the two cores being busy, the NameNodes'
 * JVM stopped or the whole machine stalled, not the journal.
 */
public final class StandbyLagWorkload {
    private static final long POLL_NANOS = 50_000;
    private static final long GAP_NANOS = TimeUnit.MILLISECONDS.toNanos(2);
    private static final long GIVE_UP_NANOS = TimeUnit.SECONDS.toNanos(10);
    /** Hadoop's EditLogTailer thread, the one that applies edits on the standby. */
    private static final String TAILER_THREAD = "Edit log tailer";
    /** How often the host's steal is read during a phase (Linux counts it in 10 ms ticks). */
    private static final Duration STEAL_EVERY = Duration.ofMillis(5);

    /** The worst sample of a run: from the ack ({@link System#nanoTime}) for {@code lagNanos}. */
    public record WorstSample(long ackedNanos, long lagNanos) {}

    private final Durations durations;
    private final GcPauses gc;
    private volatile WorstSample worstSample;

    /** {@code gc} must listen for the whole run (see {@link GcPauses}); this never closes it. */
    public StandbyLagWorkload(Durations durations, GcPauses gc) {
        this.durations = durations;
        this.gc = gc;
    }

    public static String scenario(boolean loaded) {
        return loaded ? "standby lag, under load (8 writers)" : "standby lag, idle";
    }

    public List<Figure> run(NameNode active, NameNode standby, int backgroundWriters) throws Exception {
        worstSample = null;
        NamenodeProtocols rpc = active.getRpcServer();
        FSEditLog log = active.getNamesystem().getEditLog();
        FSImage standbyImage = standby.getNamesystem().getFSImage();
        FsPermission perm = FsPermission.getDirDefault();
        AtomicBoolean stop = new AtomicBoolean();
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, backgroundWriters));
        long phaseStart = System.nanoTime();
        StealTimeline steal = StealTimeline.start(HostLoad.system(), STEAL_EVERY);
        try {
            Future<?>[] writers = new Future<?>[backgroundWriters];
            for (int w = 0; w < backgroundWriters; w++) {
                int id = w;
                writers[w] = pool.submit(() -> {
                    long seq = 0;
                    while (!stop.get()) {
                        rpc.mkdirs("/lagload/w" + id + "/d" + seq++, perm, true);
                    }
                    return null;
                });
            }
            LatencyRecorder lags = new LatencyRecorder();
            RunQueueWait probeWait = RunQueueWait.callingThread();
            RunQueueWait tailerWait = RunQueueWait.threadNamed(TAILER_THREAD).orElse(null);
            Worst worst = new Worst();
            int warmup = Math.max(10, durations.lagSamples() / 10);
            for (int i = 0; i < warmup + durations.lagSamples(); i++) {
                rpc.mkdirs("/lag/p" + backgroundWriters + "/d" + i, perm, true);
                long acked = System.nanoTime();
                long target = log.getSyncTxId();
                long probe0 = 0;
                long tailer0 = 0;
                boolean waited = standbyImage.getLastAppliedTxId() < target;
                if (waited) {
                    // read only once the standby is behind, so the fast path is not slowed
                    probe0 = probeWait.nanos();
                    tailer0 = tailerWait == null ? -1 : tailerWait.nanos();
                }
                while (standbyImage.getLastAppliedTxId() < target && System.nanoTime() - acked < GIVE_UP_NANOS) {
                    LockSupport.parkNanos(POLL_NANOS);
                }
                long lag = System.nanoTime() - acked;
                if (i >= warmup) {
                    lags.record(lag);
                    if (lag > worst.lag) {
                        worst.lag = lag;
                        worst.acked = acked;
                        worst.probe = waited ? delta(probe0, probeWait.nanos()) : 0;
                        worst.tailer = waited ? delta(tailer0, tailerWait == null ? -1 : tailerWait.nanos()) : 0;
                    }
                }
                LockSupport.parkNanos(GAP_NANOS);
            }
            steal.close();
            stop.set(true);
            for (Future<?> f : writers) {
                f.get(60, TimeUnit.SECONDS);
            }
            worstSample = new WorstSample(worst.acked, worst.lag);
            Percentiles p = lags.percentiles();
            String s = scenario(backgroundWriters > 0);
            List<Figure> figures = new ArrayList<>(List.of(
                    Figure.latencyMs(s, "lag p50", p.millisAt(50)),
                    Figure.latencyMs(s, "lag p99", p.millisAt(99)),
                    Figure.latencyMs(s, "lag max", p.maxMillis())));
            if (worst.probe >= 0) {
                figures.add(Figure.latencyMs(s, "worst sample: probe's run-queue wait", worst.probe / 1e6));
            }
            if (worst.tailer >= 0) {
                figures.add(Figure.latencyMs(s, "worst sample: tailer's run-queue wait", worst.tailer / 1e6));
            }
            if (worst.lag >= 0) {
                figures.add(Figure.latencyMs(
                        s,
                        "worst sample: GC pauses of the NameNodes' JVM",
                        gc.overlapMillis(worst.acked, worst.acked + worst.lag)));
                double stolen = steal.stealMillisAround(worst.acked, worst.acked + worst.lag);
                if (stolen >= 0) {
                    figures.add(Figure.latencyMs(s, "worst sample: host CPU steal around it (10 ms ticks)", stolen));
                }
            }
            // How many collections the phase had at all, so a zero above means something.
            figures.add(new Figure(
                    s,
                    "GC collections of the NameNodes' JVM",
                    "count",
                    true,
                    gc.heardBetween(phaseStart, System.nanoTime())));
            return figures;
        } finally {
            steal.close();
            stop.set(true);
            pool.shutdownNow();
        }
    }

    /** The worst sample of the last completed {@link #run}; null before one completed. */
    public WorstSample worstSample() {
        return worstSample;
    }

    /** Run-queue wait in nanoseconds between two readings; -1 when either could not be read. */
    private static long delta(long before, long after) {
        return before < 0 || after < 0 ? -1 : after - before;
    }

    /** The worst sample's start ({@code nanoTime}), lag and the run-queue waits during it, in nanoseconds. */
    private static final class Worst {
        long acked;
        long lag = -1;
        long probe;
        long tailer;
    }
}
