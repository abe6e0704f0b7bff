package io.qjmkit.client;

import static io.qjmkit.client.JournalHarness.range;
import static io.qjmkit.client.JournalHarness.readAll;
import static io.qjmkit.client.JournalHarness.start;
import static io.qjmkit.client.JournalHarness.write;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.qjmkit.client.channel.JournalChannel;
import io.qjmkit.client.channel.RemoteJournalChannel;
import io.qjmkit.client.channel.SyncState;
import io.qjmkit.protocol.edits.OpFraming;
import io.qjmkit.protocol.message.Responses;
import io.qjmkit.protocol.message.SegmentInfo;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.apache.hadoop.hdfs.server.namenode.EditLogOutputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A lagging or restarted JournalNode catches up within the open segment. */
class CatchUpTest {
    @TempDir
    Path dir;

    private JournalHarness h;

    @BeforeEach
    void setUp() throws IOException {
        h = new JournalHarness(dir);
    }

    @AfterEach
    void tearDown() {
        h.close();
    }

    private static RemoteJournalChannel channel(QuorumJournal qj, int i) {
        return (RemoteJournalChannel) qj.channels().channels().get(i);
    }

    private static SegmentInfo openSegment(JournalChannel c) throws Exception {
        Responses.JournalState st = c.getJournalState().get(5, TimeUnit.SECONDS);
        return st.currentSegment();
    }

    @Test
    void restartedJournalNodeCatchesUpWithinTheSameSegment() throws Exception {
        QuorumJournal qj = h.formattedWriter();
        EditLogOutputStream out = start(qj, 1);
        write(out, 1, 5);
        h.cluster.stopNode(0);
        write(out, 6, 10);
        assertThat(channel(qj, 0).syncState()).isIn(SyncState.PROBING, SyncState.CATCHING_UP);
        h.cluster.restartNode(0);
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            assertThat(channel(qj, 0).syncState()).isEqualTo(SyncState.IN_SYNC);
            assertThat(openSegment(channel(qj, 0))).isEqualTo(new SegmentInfo(1, 10, true));
        });
        write(out, 11, 12);
        // The flush returned on a majority, and reads travel on another connection than the
        // batches: node 0 may answer the read before it has appended txid 12.
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            Responses.Edits edits = channel(qj, 0).readEdits(1, 1, 12, 1 << 20).get(5, TimeUnit.SECONDS);
            assertThat(edits.lastTxId()).isEqualTo(12);
            assertThat(OpFraming.scan(edits.ops(), 1).opCount()).isEqualTo(12);
        });
    }

    @Test
    void caughtUpNodeCanReplaceAnotherInTheMajority() throws Exception {
        QuorumJournal qj = h.formattedWriter();
        EditLogOutputStream out = start(qj, 1);
        write(out, 1, 3);
        h.cluster.stopNode(2);
        write(out, 4, 8);
        h.cluster.restartNode(2);
        await().atMost(Duration.ofSeconds(10)).until(() -> channel(qj, 2).syncState() == SyncState.IN_SYNC);
        qj.close();
        h.cluster.stopNode(0);
        QuorumJournal next = h.journal();
        next.recoverUnfinalizedSegments();
        assertThat(readAll(next, 1, false, false)).containsExactlyElementsOf(range(1, 8));
    }

    @Test
    void nodeTooFarBehindIsLeftOutUntilTheNextSegment() throws Exception {
        h.conf.setLong("qjmkit.client.catchup-buffer.bytes", 1500);
        QuorumJournal qj = h.formattedWriter();
        EditLogOutputStream out = start(qj, 1);
        write(out, 1, 2);
        h.cluster.stopNode(0);
        write(out, 3, 60);
        assertThat(channel(qj, 0).syncState()).isEqualTo(SyncState.GIVEN_UP);
        h.cluster.restartNode(0);
        write(out, 61, 62);
        assertThat(channel(qj, 0).syncState()).isEqualTo(SyncState.GIVEN_UP);
        out.close();
        qj.finalizeLogSegment(1, 62);
        EditLogOutputStream next = start(qj, 63);
        write(next, 63, 65);
        assertThat(channel(qj, 0).syncState()).isEqualTo(SyncState.IN_SYNC);
        assertThat(openSegment(channel(qj, 0))).isEqualTo(new SegmentInfo(63, 65, true));
    }

    @Test
    void slowOrDownNodeNeverBlocksTheFlush() throws Exception {
        QuorumJournal qj = h.formattedWriter();
        EditLogOutputStream out = start(qj, 1);
        h.cluster.stopNode(1);
        long begin = System.nanoTime();
        write(out, 1, 50);
        assertThat(System.nanoTime() - begin).isLessThan(10_000_000_000L);
        assertThat(readAll(h.journal(), 1, true, true)).containsExactlyElementsOf(range(1, 50));
    }
}
