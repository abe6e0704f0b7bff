package io.qjmkit.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.qjmkit.testkit.process.AckingWriter;
import io.qjmkit.testkit.process.DistProcesses;
import io.qjmkit.testkit.process.HaClusterOptions;
import io.qjmkit.testkit.process.HaProcessCluster;
import java.time.Duration;
import java.util.Arrays;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A hung JournalNode (SIGSTOP) while the active NameNode writes far more edits than the loopback
 * socket buffers towards it hold. The writer's requests to that node must queue rather than block
 * the flushing thread, so writes go on with the other two nodes; once it wakes (SIGCONT) it works
 * through its backlog and is in sync again, so it can stand in when another JournalNode dies.
 */
@Timeout(120)
class JournalNodeHangIT extends WithHaProcessCluster {
    private static final int HUNG = 2;
    private static final long EDIT_BYTES_WHILE_HUNG = 24L << 20;

    @Test
    void writesGoOnPastAHungJournalNodeWhichThenCatchesUpAndTakesItsShareOfTheQuorum() throws Exception {
        cluster = HaProcessCluster.start("jn-hang", new HaClusterOptions());
        try (FileSystem fs = cluster.haFileSystem();
                AckingWriter writer = new AckingWriter(fs, "/jn-hang")) {
            writer.awaitMore(100, Duration.ofSeconds(60));
            Path carrier = new Path("/jn-hang-xattrs");
            fs.create(carrier).close();
            byte[] value = new byte[15_000];

            DistProcesses.signal(cluster.journalNode(HUNG), "STOP");
            long written = 0;
            try {
                for (int i = 0; written < EDIT_BYTES_WHILE_HUNG; i++) {
                    Arrays.fill(value, (byte) i);
                    fs.setXAttr(carrier, "user.x" + (i % 30), value);
                    written += value.length;
                }
                writer.awaitMore(50, Duration.ofSeconds(60));
            } finally {
                DistProcesses.signal(cluster.journalNode(HUNG), "CONT");
            }

            long target = JournalProbe.lastDurableTxId(cluster.journalNodeAddress(0), HaProcessCluster.NS);
            Awaitility.await("the woken JournalNode holding txid " + target)
                    .atMost(Duration.ofSeconds(60))
                    .pollInterval(Duration.ofMillis(100))
                    .until(() -> JournalProbe.lastDurableTxId(cluster.journalNodeAddress(HUNG), HaProcessCluster.NS)
                            >= target);

            DistProcesses.kill9(cluster.journalNode(0));
            writer.awaitMore(100, Duration.ofSeconds(60));
            assertThat(writer.stop()).as("writer failure").isNull();
            assertThat(writer.failedCalls()).as("failed client calls").isZero();
            assertThat(writer.missingIn(fs))
                    .as("acknowledged directories missing")
                    .isEmpty();
            assertThat(fs.getXAttrs(carrier)).hasSize(30);
        }
    }
}
