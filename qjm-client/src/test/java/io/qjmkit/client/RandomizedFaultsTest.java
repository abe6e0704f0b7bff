package io.qjmkit.client;

import static io.qjmkit.client.JournalHarness.readAll;
import static org.assertj.core.api.Assertions.assertThat;

import io.qjmkit.client.channel.RemoteJournalChannel;
import io.qjmkit.client.channel.SyncState;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import org.apache.hadoop.hdfs.server.namenode.EditLogOutputStream;
import org.apache.hadoop.hdfs.server.namenode.HadoopOps;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Many writer changes while JournalNodes stop and restart at random points. After every recovery
 * the log must be one contiguous run of the ops written, holding every txid any writer had
 * acknowledged. The seed is printed; {@code -Dqjmkit.seed=N} replays a run.
 */
class RandomizedFaultsTest {
    private static final Logger LOG = LoggerFactory.getLogger(RandomizedFaultsTest.class);
    private static final int WRITERS = 60;

    @TempDir
    Path dir;

    @Test
    void everyAcknowledgedTxidSurvivesRandomRestartsAndWriterChanges() throws IOException {
        long seed = Long.getLong("qjmkit.seed", System.nanoTime());
        String replay = "seed " + seed + " (replay with -Dqjmkit.seed=" + seed + ")";
        System.out.println("RandomizedFaultsTest " + replay);
        LOG.info("RandomizedFaultsTest {}", replay);
        Random rnd = new Random(seed);
        try (JournalHarness h = new JournalHarness(dir)) {
            h.conf.setInt("dfs.qjournal.write-txns.timeout.ms", 2000);
            h.journal().format(JournalHarness.NS, false);
            boolean[] down = new boolean[3];
            long acked = 0;
            for (int round = 0; round < WRITERS; round++) {
                QuorumJournal w = h.journal();
                try {
                    w.recoverUnfinalizedSegments();
                } catch (IOException e) {
                    assertThat(downCount(down))
                            .as("recovery failed with a majority up: %s; %s", e, replay)
                            .isGreaterThanOrEqualTo(2);
                    w.close();
                    h.cluster.start();
                    down = new boolean[3];
                    continue;
                }
                List<Long> txids = readAll(w, 1, false, false);
                long last = txids.size();
                assertThat(txids)
                        .as("round %d: contiguous log from txid 1; %s", round, replay)
                        .containsExactlyElementsOf(JournalHarness.range(1, last));
                assertThat(last)
                        .as("round %d: acked txid %d lost; %s", round, acked, replay)
                        .isGreaterThanOrEqualTo(acked);
                acked = Math.max(acked, last);
                acked = writeWithFaults(h, w, last + 1, rnd, down, acked);
                w.close();
                if (downCount(down) >= 2 || rnd.nextInt(3) == 0) {
                    int i = pickDown(down, rnd);
                    if (i >= 0) {
                        h.cluster.restartNode(i);
                        down[i] = false;
                    }
                }
            }
            h.cluster.start();
            QuorumJournal last = h.journal();
            last.recoverUnfinalizedSegments();
            List<Long> txids = readAll(last, 1, false, false);
            assertThat(txids).as(replay).containsExactlyElementsOf(JournalHarness.range(1, txids.size()));
            assertThat((long) txids.size()).as(replay).isGreaterThanOrEqualTo(acked);
        }
    }

    /** Writes one segment of random batches, injecting faults; returns the highest acked txid. */
    private static long writeWithFaults(
            JournalHarness h, QuorumJournal w, long first, Random rnd, boolean[] down, long acked) throws IOException {
        EditLogOutputStream out;
        try {
            out = w.startLogSegment(first, HadoopOps.LAYOUT_VERSION);
        } catch (IOException e) {
            return acked;
        }
        long next = first;
        int batches = 1 + rnd.nextInt(6);
        for (int b = 0; b < batches; b++) {
            fault(h, w, rnd, down);
            int n = 1 + rnd.nextInt(5);
            for (int k = 0; k < n; k++) {
                out.write(HadoopOps.mkdir(next + k));
            }
            out.setReadyToFlush();
            try {
                out.flush();
            } catch (IOException e) {
                return acked; // the writer dies, as the NameNode would
            }
            next += n;
            acked = Math.max(acked, next - 1);
        }
        if (rnd.nextBoolean()) {
            try {
                out.close();
                w.finalizeLogSegment(first, next - 1);
            } catch (IOException e) {
                return acked;
            }
        }
        return acked;
    }

    private static void fault(JournalHarness h, QuorumJournal w, Random rnd, boolean[] down) throws IOException {
        int r = rnd.nextInt(10);
        int i = rnd.nextInt(3);
        if (r < 2 && !down[i]) {
            h.cluster.stopNode(i);
            down[i] = true;
        } else if (r < 4 && down[i]) {
            h.cluster.restartNode(i);
            down[i] = false;
            if (rnd.nextBoolean()) {
                // Let the restarted node catch up before the next batch (exercises the resend path).
                RemoteJournalChannel c =
                        (RemoteJournalChannel) w.channels().channels().get(i);
                Awaitility.await()
                        .atMost(Duration.ofSeconds(5))
                        .until(() -> c.syncState() != SyncState.PROBING && c.syncState() != SyncState.CATCHING_UP);
            }
        }
    }

    private static int pickDown(boolean[] down, Random rnd) {
        int start = rnd.nextInt(3);
        for (int k = 0; k < 3; k++) {
            int i = (start + k) % 3;
            if (down[i]) {
                return i;
            }
        }
        return -1;
    }

    private static int downCount(boolean[] down) {
        int c = 0;
        for (boolean d : down) {
            c += d ? 1 : 0;
        }
        return c;
    }
}
