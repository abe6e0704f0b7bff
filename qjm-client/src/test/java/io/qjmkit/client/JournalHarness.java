package io.qjmkit.client;

import static org.assertj.core.api.Assertions.assertThat;

import io.qjmkit.testkit.MiniJournalCluster;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.hdfs.server.namenode.EditLogInputStream;
import org.apache.hadoop.hdfs.server.namenode.EditLogOutputStream;
import org.apache.hadoop.hdfs.server.namenode.FSEditLogOp;
import org.apache.hadoop.hdfs.server.namenode.HadoopOps;
import org.apache.hadoop.hdfs.server.protocol.NamespaceInfo;

/**
 * A 3-node {@link MiniJournalCluster} plus helpers that drive {@link QuorumJournal} the way the
 * NameNode does: write real ops through the real output stream, read them back through
 * selectInputStreams.
 */
final class JournalHarness implements AutoCloseable {
    static final String JID = "test-journal";
    static final NamespaceInfo NS = new NamespaceInfo(12345, "cluster-1", "bp-1", 0L);

    final MiniJournalCluster cluster;
    final Configuration conf = new Configuration(false);
    private final List<QuorumJournal> opened = new ArrayList<>();

    JournalHarness(Path dir) throws IOException {
        cluster = MiniJournalCluster.builder()
                .nodes(3)
                .baseDir(dir)
                .syncInterval(java.time.Duration.ofMillis(200))
                .build();
        cluster.start();
        conf.setInt("dfs.qjournal.write-txns.timeout.ms", 5000);
        conf.setInt("dfs.qjournal.start-segment.timeout.ms", 5000);
        conf.setInt("dfs.qjournal.new-epoch.timeout.ms", 5000);
        conf.setInt("dfs.qjournal.get-journal-state.timeout.ms", 5000);
        conf.setInt("dfs.qjournal.prepare-recovery.timeout.ms", 5000);
        conf.setInt("dfs.qjournal.accept-recovery.timeout.ms", 5000);
        conf.setInt("dfs.qjournal.finalize-segment.timeout.ms", 5000);
        conf.setInt("dfs.qjournal.select-input-streams.timeout.ms", 5000);
        conf.set("dfs.qjm.operations.timeout", "5000");
    }

    QuorumJournal journal() throws IOException {
        return journal(NS);
    }

    QuorumJournal journal(NamespaceInfo ns) throws IOException {
        QuorumJournal qj = new QuorumJournal(conf, cluster.quorumUri(JID), ns, "ns1");
        opened.add(qj);
        return qj;
    }

    /** Formats the journal and returns a recovered writer. */
    QuorumJournal formattedWriter() throws IOException {
        QuorumJournal qj = journal();
        qj.format(NS, false);
        qj.recoverUnfinalizedSegments();
        return qj;
    }

    static EditLogOutputStream start(QuorumJournal qj, long txId) throws IOException {
        return qj.startLogSegment(txId, HadoopOps.LAYOUT_VERSION);
    }

    /** Writes and flushes mkdir ops {@code first..last}, one flush per op. */
    static void write(EditLogOutputStream out, long first, long last) throws IOException {
        for (long t = first; t <= last; t++) {
            out.write(HadoopOps.mkdir(t));
            out.setReadyToFlush();
            out.flush();
        }
    }

    /** Writes a whole finalized segment. */
    static void writeSegment(QuorumJournal qj, long first, long last) throws IOException {
        EditLogOutputStream out = start(qj, first);
        write(out, first, last);
        out.close();
        qj.finalizeLogSegment(first, last);
    }

    /** Every txid readable from {@code fromTxId}, checking each op is the mkdir written for it. */
    static List<Long> readAll(QuorumJournal qj, long fromTxId, boolean inProgressOk, boolean onlyDurable)
            throws IOException {
        List<EditLogInputStream> streams = new ArrayList<>();
        qj.selectInputStreams(streams, fromTxId, inProgressOk, onlyDurable);
        List<Long> txids = new ArrayList<>();
        for (EditLogInputStream s : streams) {
            try {
                FSEditLogOp op;
                while ((op = s.readOp()) != null) {
                    long t = op.getTransactionId();
                    assertThat(HadoopOps.pathOf(op)).as("op of txid %d", t).isEqualTo(HadoopOps.path(t));
                    if (t >= fromTxId) {
                        txids.add(t);
                    }
                }
            } finally {
                s.close();
            }
        }
        return txids;
    }

    static List<Long> range(long first, long last) {
        List<Long> l = new ArrayList<>();
        for (long t = first; t <= last; t++) {
            l.add(t);
        }
        return l;
    }

    @Override
    public void close() {
        for (QuorumJournal qj : opened) {
            try {
                qj.close();
            } catch (IOException e) {
                // best effort in tests
            }
        }
        cluster.close();
    }
}
