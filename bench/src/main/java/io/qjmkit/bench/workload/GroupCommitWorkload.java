package io.qjmkit.bench.workload;

import java.util.List;
import org.apache.hadoop.fs.permission.FsPermission;
import org.apache.hadoop.hdfs.server.namenode.NameNode;
import org.apache.hadoop.hdfs.server.protocol.NamenodeProtocols;

/**
 * N writer threads calling the active NameNode's {@code mkdirs} in-process (no client RPC), so each
 * operation is FSNamesystem + FSEditLog's group commit ({@code logEdit} then {@code logSync}, which
 * batches whatever other threads logged meanwhile into one journal flush). Records per-operation
 * latency.
 */
public final class GroupCommitWorkload {
    private final Durations durations;

    public GroupCommitWorkload(Durations durations) {
        this.durations = durations;
    }

    public static String scenario(int threads) {
        return "FSEditLog group commit, " + threads + " threads";
    }

    public List<Figure> run(NameNode active, int threads) throws Exception {
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
}
