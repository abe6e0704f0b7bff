package io.qjmkit.bench.workload;

import io.qjmkit.bench.stats.WallProfile;
import java.lang.reflect.Field;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.hadoop.fs.permission.FsPermission;
import org.apache.hadoop.hdfs.server.namenode.FSEditLog;
import org.apache.hadoop.hdfs.server.namenode.NameNode;
import org.apache.hadoop.hdfs.server.protocol.NamenodeProtocols;

/**
 * N writer threads calling the active NameNode's {@code mkdirs} in-process (no client RPC), so each
 * operation is FSNamesystem + FSEditLog's group commit: {@code logEdit} queues the op and {@code
 * logSync} waits until Hadoop's edit-log sync thread has flushed it, together with whatever else
 * was queued meanwhile, to every journal. Records per-operation latency.
 */
public final class GroupCommitWorkload {
    /** Every 1 ms: a few thousand samples of the sync thread in a full phase, at little cost. */
    private static final Duration PROFILE_INTERVAL = Duration.ofMillis(1);

    private final Durations durations;

    public GroupCommitWorkload(Durations durations) {
        this.durations = durations;
    }

    public static String scenario(int threads) {
        return "FSEditLog group commit, " + threads + " threads";
    }

    public List<Figure> run(NameNode active, int threads) throws Exception {
        return run(active, threads, null);
    }

    /**
     * As {@link #run(NameNode, int)}; with a {@code profile} file, the active NameNode's edit-log
     * sync thread is sampled (wall clock) into it for the whole phase and the figures gain its time
     * per sync, split by {@link SyncThreadProfile}; a readable breakdown goes beside the file
     * ({@code .txt}). With asynchronous edit logging (Hadoop's default) that one thread writes
     * every op into the edit buffer, flushes the journals and wakes the writers, so its time is the
     * group commit's critical path; the writers themselves only wait for it.
     */
    public List<Figure> run(NameNode active, int threads, Path profile) throws Exception {
        if (profile == null) {
            return measure(active, threads);
        }
        FSEditLog log = active.getNamesystem().getEditLog();
        Thread syncThread = syncThread(log);
        List<Figure> figures = new ArrayList<>();
        try (WallProfile wall = WallProfile.start(profile, PROFILE_INTERVAL)) {
            wall.add(syncThread);
            long syncs = log.getTotalSyncCount();
            long txns = log.getLastWrittenTxId();
            long started = System.nanoTime();
            figures.addAll(measure(active, threads));
            double millis = (System.nanoTime() - started) / 1e6;
            syncs = log.getTotalSyncCount() - syncs;
            txns = log.getLastWrittenTxId() - txns;
            SyncThreadProfile breakdown = SyncThreadProfile.parse(wall.stop());
            figures.addAll(breakdown.figures(scenario(threads), millis, syncs, txns));
            String name = profile.getFileName().toString().replaceFirst("\\.collapsed$", "");
            Files.writeString(
                    profile.resolveSibling(name + ".txt"),
                    breakdown.text(name + ": the active NameNode's edit-log sync thread", millis, syncs, txns));
        }
        return figures;
    }

    /** The throughput figure among {@code figures} of this workload. */
    public static double throughput(List<Figure> figures) {
        return figures.stream()
                .filter(f -> f.metric().equals("throughput"))
                .findFirst()
                .orElseThrow()
                .value();
    }

    private List<Figure> measure(NameNode active, int threads) throws Exception {
        NamenodeProtocols rpc = active.getRpcServer();
        FsPermission perm = FsPermission.getDirDefault();
        TimedThreads.Result r = TimedThreads.run(
                "group-commit",
                threads,
                durations,
                (thread, seq) -> rpc.mkdirs("/gc/t" + thread + "/d" + seq, perm, true));
        String s = scenario(threads);
        var p = r.latencies().percentiles();
        return List.of(
                Figure.latencyMs(s, "op p50", p.millisAt(50)),
                Figure.latencyMs(s, "op p99", p.millisAt(99)),
                Figure.rate(s, "throughput", "ops/s", r.opsPerSecond()));
    }

    /** The active NameNode's FSEditLogAsync sync thread (a private field of Hadoop's). */
    private static Thread syncThread(FSEditLog log) throws ReflectiveOperationException {
        for (Class<?> c = log.getClass(); c != null; c = c.getSuperclass()) {
            try {
                Field f = c.getDeclaredField("syncThread");
                f.setAccessible(true);
                Thread t = (Thread) f.get(log);
                if (t == null || !t.isAlive()) {
                    throw new IllegalStateException("the active NameNode's edit log has no running sync thread");
                }
                return t;
            } catch (NoSuchFieldException e) {
                // look in the superclass
            }
        }
        throw new IllegalStateException(log.getClass().getName()
                + " has no sync thread: is dfs.namenode.edits.asynclogging off? --profile samples that thread");
    }
}
