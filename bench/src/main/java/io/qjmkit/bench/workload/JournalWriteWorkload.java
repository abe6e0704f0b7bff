package io.qjmkit.bench.workload;

import io.qjmkit.bench.stats.LatencyRecorder;
import io.qjmkit.bench.stats.Percentiles;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.hadoop.hdfs.server.namenode.BenchOps;
import org.apache.hadoop.hdfs.server.namenode.EditLogOutputStream;
import org.apache.hadoop.hdfs.server.namenode.JournalManager;
import org.apache.hadoop.hdfs.server.protocol.NamespaceInfo;

/**
 * One writer driving a {@link JournalManager} directly, the way FSEditLog does: write a batch of
 * mkdir ops, {@code setReadyToFlush}, {@code flush} (which returns once a quorum has them durable).
 * For each batch size it records the latency of every batch (write + flush) and the throughput in
 * transactions per second. Batch size 1 is the journal's flush latency.
 *
 * <p>The JournalNodes are fresh processes, so the first phase (warm-up and measurement of the first
 * batch size, in a segment of its own) runs twice and the first run, about seven seconds long in
 * both modes ({@link Durations#settle()}), is not counted. Whichever phase
 * came first had several times the p99 of the same phase run again, on both sides: the first
 * seconds of four fresh JVMs on two cores (JIT compilation, slower fdatasync tails).
 */
public final class JournalWriteWorkload {
    /** The serialized size of the benchmark's mkdir ops, as in the issue (about 123 bytes). */
    public static final int OP_BYTES = 123;

    public static final NamespaceInfo NAMESPACE = new NamespaceInfo(424242, "bench-cluster", "bp-bench", 0L);

    private final Durations durations;
    private final BenchOps ops = new BenchOps(OP_BYTES);

    public JournalWriteWorkload(Durations durations) {
        this.durations = durations;
    }

    public static String scenario(int batch) {
        return "journal write, batch " + batch;
    }

    /** Formats the (fresh) journal, then measures each batch size in its own segment. */
    public List<Figure> run(JournalManager journal, int... batchSizes) throws IOException {
        return run(journal, null, batchSizes);
    }

    /**
     * As {@link #run(JournalManager, int...)}, and when {@code share} is not null also the
     * JournalNodes' share of each batch size's flushes (qjm-kit's JournalNodes only).
     */
    public List<Figure> run(JournalManager journal, JournalNodeShare share, int... batchSizes) throws IOException {
        journal.format(NAMESPACE, false);
        journal.recoverUnfinalizedSegments();
        List<Figure> figures = new ArrayList<>();
        // One whole phase, thrown away: see the class comment.
        long next = phase(journal, null, batchSizes[0], 1, durations.settle(), new ArrayList<>());
        for (int batch : batchSizes) {
            next = phase(journal, share, batch, next, durations.warmup(), figures);
        }
        return figures;
    }

    /** Warms up and measures one batch size in a segment of its own; returns the next txid. */
    private long phase(
            JournalManager journal,
            JournalNodeShare share,
            int batch,
            long first,
            Duration warmup,
            List<Figure> figures)
            throws IOException {
        EditLogOutputStream out = journal.startLogSegment(first, BenchOps.LAYOUT_VERSION);
        long next = writeFor(out, batch, first, warmup.toNanos(), null);
        LatencyRecorder latencies = new LatencyRecorder();
        JournalNodeShare.Totals before = share == null ? null : totals(share);
        long start = System.nanoTime();
        long measuredFrom = next;
        next = writeFor(out, batch, next, durations.measure().toNanos(), latencies);
        double seconds = (System.nanoTime() - start) / 1e9;
        JournalNodeShare.Totals after = share == null ? null : totals(share);
        out.close();
        journal.finalizeLogSegment(first, next - 1);

        Percentiles p = latencies.percentiles();
        String s = scenario(batch);
        figures.add(Figure.latencyMs(s, "flush p50", p.millisAt(50)));
        figures.add(Figure.latencyMs(s, "flush p99", p.millisAt(99)));
        figures.add(Figure.latencyMs(s, "flush p99.9", p.millisAt(99.9)));
        figures.add(Figure.rate(s, "throughput", "txns/s", (next - measuredFrom) / seconds));
        figures.add(Figure.latencyMs(s, "flush mean", latencies.meanNanos() / 1e6));
        if (share != null) {
            figures.addAll(after.since(before, s));
        }
        return next;
    }

    private static JournalNodeShare.Totals totals(JournalNodeShare share) throws IOException {
        try {
            return share.read();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new java.io.InterruptedIOException("interrupted reading the JournalNodes' metrics");
        }
    }

    private long writeFor(EditLogOutputStream out, int batch, long next, long nanos, LatencyRecorder rec)
            throws IOException {
        long end = System.nanoTime() + nanos;
        long t = next;
        while (true) {
            long t0 = System.nanoTime();
            if (t0 >= end) {
                return t;
            }
            for (int i = 0; i < batch; i++) {
                out.write(ops.op(t++));
            }
            out.setReadyToFlush();
            out.flush();
            if (rec != null) {
                rec.record(System.nanoTime() - t0);
            }
        }
    }
}
