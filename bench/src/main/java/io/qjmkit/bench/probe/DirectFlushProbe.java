package io.qjmkit.bench.probe;

import io.qjmkit.bench.cluster.Distribution;
import io.qjmkit.bench.cluster.JournalKind;
import io.qjmkit.bench.cluster.JournalNodeProcesses;
import io.qjmkit.bench.cluster.JvmFlags;
import io.qjmkit.bench.stats.LatencyRecorder;
import io.qjmkit.bench.stats.Percentiles;
import io.qjmkit.bench.workload.JournalWriteWorkload;
import io.qjmkit.client.config.JournalUri;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import org.apache.hadoop.hdfs.HdfsConfiguration;
import org.apache.hadoop.hdfs.server.namenode.BenchOps;
import org.apache.hadoop.hdfs.server.namenode.EditLogOutputStream;
import org.apache.hadoop.hdfs.server.namenode.FSEditLogOp;
import org.apache.hadoop.hdfs.server.namenode.JournalManager;
import org.apache.hadoop.io.DataOutputBuffer;

/**
 * How far a batch-1 flush of the client is from the least a flush can cost here. Against the same
 * three qjm-kit JournalNodes, it alternates phases of the real client ({@code QuorumJournal}: op
 * serialization, retained batches, catch-up bookkeeping, its writer connections read by the
 * flushing thread) with phases of {@link RawJournalSockets} (one thread writing three plain
 * sockets and reading two acks, nothing else), one txn per flush. Each round starts a new writer
 * (a new epoch), so the real client's serials start over.
 *
 * <p>Run after {@code bench/run.sh} built everything: {@code java <the JDK 17 flags> -cp
 * bench/target/classes:$(cat bench/target/bench.classpath) io.qjmkit.bench.probe.DirectFlushProbe
 * dist/target/qjm-kit-<version> [seconds per phase, 4] [rounds, 5]}. The first round is a warm-up.
 */
public final class DirectFlushProbe {
    private static final String JOURNAL_ID = "probe";

    private DirectFlushProbe() {}

    public static void main(String[] args) throws Exception {
        if (args.length < 1) {
            System.err.println("usage: DirectFlushProbe <distribution dir> [seconds per phase] [rounds]");
            System.exit(2);
        }
        Distribution dist = Distribution.at(Path.of(args[0]));
        long phaseNanos = (args.length > 1 ? Long.parseLong(args[1]) : 4) * 1_000_000_000L;
        int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 5;
        Path work = Files.createTempDirectory("qjm-probe-");
        try (JournalNodeProcesses jns =
                JournalNodeProcesses.start(JournalKind.QJM_KIT, dist, work, JvmFlags.journalNode(), null)) {
            URI uri = jns.quorumUri(JOURNAL_ID);
            try (JournalManager formatter = newJournal(uri);
                    RawJournalSockets raw = new RawJournalSockets(
                            JOURNAL_ID, JournalUri.parse(uri).addresses())) {
                formatter.format(JournalWriteWorkload.NAMESPACE, false);
                run(uri, raw, phaseNanos, rounds);
            }
        }
        System.exit(0);
    }

    private static void run(URI uri, RawJournalSockets raw, long phaseNanos, int rounds) throws IOException {
        BenchOps ops = new BenchOps(JournalWriteWorkload.OP_BYTES);
        long next = 1;
        for (int round = 0; round < rounds; round++) {
            try (JournalManager journal = newJournal(uri)) {
                journal.recoverUnfinalizedSegments();
                long segment = next;
                EditLogOutputStream out = journal.startLogSegment(segment, BenchOps.LAYOUT_VERSION);
                LatencyRecorder viaClient = new LatencyRecorder();
                next = throughClient(out, ops, next, phaseNanos, viaClient);
                LatencyRecorder direct = new LatencyRecorder();
                next = throughRawSockets(raw, raw.promisedEpoch(), segment, ops, next, phaseNanos, direct);
                out.abort();
                String label = round == 0 ? "warm-up" : "round " + round;
                System.out.println(label + " client:      " + describe(viaClient));
                System.out.println(label + " raw sockets: " + describe(direct));
            }
        }
    }

    private static long throughClient(EditLogOutputStream out, BenchOps ops, long next, long nanos, LatencyRecorder rec)
            throws IOException {
        long end = System.nanoTime() + nanos;
        for (long t0 = System.nanoTime(); t0 < end; t0 = System.nanoTime()) {
            out.write(ops.op(next++));
            out.setReadyToFlush();
            out.flush();
            rec.record(System.nanoTime() - t0);
        }
        return next;
    }

    private static long throughRawSockets(
            RawJournalSockets raw, long epoch, long segment, BenchOps ops, long next, long nanos, LatencyRecorder rec)
            throws IOException {
        DataOutputBuffer buf = new DataOutputBuffer();
        FSEditLogOp.Writer writer = new FSEditLogOp.Writer(buf);
        long end = System.nanoTime() + nanos;
        for (long t0 = System.nanoTime(); t0 < end; t0 = System.nanoTime()) {
            buf.reset();
            writer.writeOp(ops.op(next), BenchOps.LAYOUT_VERSION);
            raw.journal(epoch, segment, next, 1, Arrays.copyOf(buf.getData(), buf.getLength()));
            next++;
            rec.record(System.nanoTime() - t0);
        }
        return next;
    }

    private static String describe(LatencyRecorder rec) {
        Percentiles p = rec.percentiles();
        return String.format(
                Locale.ROOT,
                "%6d flushes, p50 %.3f p90 %.3f p99 %.3f mean %.3f ms",
                rec.count(),
                p.millisAt(50),
                p.millisAt(90),
                p.millisAt(99),
                rec.meanNanos() / 1e6);
    }

    private static JournalManager newJournal(URI uri) throws IOException {
        return JournalKind.QJM_KIT.newJournalManager(new HdfsConfiguration(), uri, JournalWriteWorkload.NAMESPACE);
    }
}
