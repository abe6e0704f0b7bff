package io.qjmkit.bench.workload;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * Client threads, each with its own HDFS client (own connection), creating directories on the
 * active NameNode through Hadoop RPC as fast as they can. Records operations per second.
 */
public final class MkdirsWorkload {
    private final Durations durations;

    public MkdirsWorkload(Durations durations) {
        this.durations = durations;
    }

    public static String scenario(int threads) {
        return "NameNode mkdirs, " + threads + " client thread" + (threads == 1 ? "" : "s");
    }

    /** Runs with {@code threads} clients made by {@code clients}; closes them afterwards. */
    public List<Figure> run(Supplier<FileSystem> clients, int threads, String runId) throws Exception {
        List<FileSystem> fs = new ArrayList<>();
        try {
            for (int i = 0; i < threads; i++) {
                fs.add(clients.get());
            }
            TimedThreads.Result r =
                    TimedThreads.run("mkdirs-client", threads, durations, (thread, seq) -> fs.get(thread)
                            .mkdirs(new Path("/mk/" + runId + "/t" + thread + "/d" + seq)));
            String s = scenario(threads);
            return List.of(
                    Figure.rate(s, "throughput", "ops/s", r.opsPerSecond()),
                    Figure.latencyMs(s, "op p99", r.latencies().percentiles().millisAt(99)));
        } finally {
            for (FileSystem f : fs) {
                try {
                    f.close();
                } catch (IOException e) {
                    // closing a client after the measurement; nothing to report
                }
            }
        }
    }
}
