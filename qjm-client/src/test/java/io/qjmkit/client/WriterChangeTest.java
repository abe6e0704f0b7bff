package io.qjmkit.client;

import static io.qjmkit.client.JournalHarness.range;
import static io.qjmkit.client.JournalHarness.readAll;
import static io.qjmkit.client.JournalHarness.start;
import static io.qjmkit.client.JournalHarness.write;
import static io.qjmkit.client.JournalHarness.writeSegment;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.qjmkit.client.channel.JournalChannel;
import io.qjmkit.protocol.message.Responses;
import io.qjmkit.protocol.message.SegmentInfo;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.hadoop.hdfs.server.namenode.EditLogOutputStream;
import org.apache.hadoop.hdfs.server.namenode.HadoopOps;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Writer changes and recovery: Hadoop's QJM scenarios against real JournalNodes. */
class WriterChangeTest {
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

    private QuorumJournal recovered() throws IOException {
        QuorumJournal qj = h.journal();
        qj.recoverUnfinalizedSegments();
        return qj;
    }

    @Test
    void writerChangeWithLogsInSyncFinalizesTheOpenSegment() throws IOException {
        QuorumJournal w1 = h.formattedWriter();
        EditLogOutputStream out = start(w1, 1);
        write(out, 1, 3);
        w1.close();
        QuorumJournal w2 = recovered();
        assertThat(readAll(w2, 1, false, false)).containsExactlyElementsOf(range(1, 3));
        writeSegment(w2, 4, 5);
        assertThat(readAll(recovered(), 1, false, false)).containsExactlyElementsOf(range(1, 5));
    }

    /**
     * Lengths 3/4/5 on JN0/JN1/JN2 (txid 4 acked by JN1+JN2, txid 5 only on JN2, never acked), then
     * recovery without one node: every acked txid survives and the result is one contiguous log.
     */
    @ParameterizedTest
    @ValueSource(ints = {0, 1, 2})
    void writerChangeWithLogsOutOfSyncKeepsEveryAckedTxid(int absent) throws IOException {
        QuorumJournal w1 = h.formattedWriter();
        EditLogOutputStream out = start(w1, 1);
        write(out, 1, 3);
        h.cluster.stopNode(0);
        write(out, 4, 4);
        h.cluster.stopNode(1);
        out.write(HadoopOps.mkdir(5));
        out.setReadyToFlush();
        assertThatThrownBy(out::flush).isInstanceOf(IOException.class);
        w1.close();
        h.cluster.start();
        h.cluster.stopNode(absent);
        QuorumJournal w2 = recovered();
        List<Long> txids = readAll(w2, 1, false, false);
        assertThat(txids).startsWith(1L, 2L, 3L, 4L);
        assertThat(txids).containsExactlyElementsOf(range(1, txids.size()));
        if (absent == 2) {
            assertThat(txids).hasSize(4);
        }
        writeSegment(w2, txids.size() + 1, txids.size() + 2);
        h.cluster.start();
        assertThat(readAll(recovered(), 1, false, false)).containsExactlyElementsOf(range(1, txids.size() + 2));
    }

    @Test
    void crashAtTheStartOfASegmentLosesNothing() throws IOException {
        QuorumJournal w1 = h.formattedWriter();
        writeSegment(w1, 1, 3);
        start(w1, 4);
        w1.close();
        QuorumJournal w2 = recovered();
        assertThat(readAll(w2, 1, false, false)).containsExactlyElementsOf(range(1, 3));
        writeSegment(w2, 4, 6);
        assertThat(readAll(w2, 1, false, false)).containsExactlyElementsOf(range(1, 6));
    }

    @Test
    void segmentFinalizedEverywhereIsNotRecoveredAgain() throws Exception {
        QuorumJournal w1 = h.formattedWriter();
        writeSegment(w1, 1, 3);
        // The finalize returns once a majority acked it; wait for the third, so that whichever
        // majority the next writer hears names the segment finalized.
        for (JournalChannel c : w1.channels().channels()) {
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(
                            c.getManifest(1, true).get(5, TimeUnit.SECONDS).segments())
                    .containsExactly(new SegmentInfo(1, 3, false)));
        }
        w1.close();
        QuorumJournal w2 = recovered();
        for (int i = 0; i < h.cluster.nodeCount(); i++) {
            // No prepare/accept round: no node wrote an accept record for segment 1.
            assertThat(h.cluster.storageDir(i, JournalHarness.JID).resolve("current/paxos/1"))
                    .doesNotExist();
        }
        assertThat(readAll(w2, 1, false, false)).containsExactlyElementsOf(range(1, 3));
        writeSegment(w2, 4, 6);
        assertThat(readAll(recovered(), 1, false, false)).containsExactlyElementsOf(range(1, 6));
    }

    @Test
    void nodeThatMissedAFinalizeFinalizesAtTheNextStart() throws Exception {
        QuorumJournal w1 = h.formattedWriter();
        EditLogOutputStream out = start(w1, 1);
        write(out, 1, 3);
        h.cluster.stopNode(0);
        out.close();
        w1.finalizeLogSegment(1, 3);
        h.cluster.restartNode(0);
        writeSegment(w1, 4, 6);
        JournalChannel jn0 = w1.channels().channels().get(0);
        // The finalize of [4, 6] returns once a majority acked it; jn0's ack may still be on its way.
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            Responses.Manifest m = jn0.getManifest(1, true).get(5, TimeUnit.SECONDS);
            assertThat(m.segments()).contains(new SegmentInfo(1, 3, false), new SegmentInfo(4, 6, false));
        });
        h.cluster.stopNode(1);
        assertThat(readAll(recovered(), 1, false, false)).containsExactlyElementsOf(range(1, 6));
    }

    @Test
    void newerVersionOfASegmentWinsOverALongerOlderOne() throws IOException {
        QuorumJournal w1 = h.formattedWriter();
        writeSegment(w1, 1, 3);
        EditLogOutputStream out = start(w1, 4);
        h.cluster.stopNode(1);
        h.cluster.stopNode(2);
        for (long t = 4; t <= 8; t++) {
            out.write(HadoopOps.mkdir(t));
        }
        out.setReadyToFlush();
        assertThatThrownBy(out::flush).isInstanceOf(IOException.class);
        w1.close();
        // JN0 alone holds 4-8 from epoch 1; the next writer never sees it.
        h.cluster.stopNode(0);
        h.cluster.restartNode(1);
        h.cluster.restartNode(2);
        QuorumJournal w2 = recovered();
        assertThat(readAll(w2, 1, false, false)).containsExactlyElementsOf(range(1, 3));
        EditLogOutputStream out2 = start(w2, 4);
        write(out2, 4, 5);
        w2.close();
        h.cluster.restartNode(0);
        QuorumJournal w3 = recovered();
        assertThat(readAll(w3, 1, false, false)).containsExactlyElementsOf(range(1, 5));
    }

    @Test
    void fencedWriterCannotFlushAndNothingItWritesAfterwardsIsVisible() throws IOException {
        QuorumJournal w1 = h.formattedWriter();
        EditLogOutputStream out = start(w1, 1);
        write(out, 1, 3);
        QuorumJournal w2 = recovered();
        out.write(HadoopOps.mkdir(4));
        out.setReadyToFlush();
        assertThatThrownBy(out::flush).isInstanceOf(IOException.class).hasMessageContaining("fenced");
        assertThatThrownBy(() -> start(w1, 4)).isInstanceOf(IOException.class).hasMessageContaining("epoch");
        assertThat(readAll(w2, 1, true, false)).containsExactlyElementsOf(range(1, 3));
        writeSegment(w2, 4, 6);
        assertThat(readAll(w2, 1, true, false)).containsExactlyElementsOf(range(1, 6));
    }

    @Test
    void recoveryAfterAnIncompleteRecoveryKeepsTheAcceptedValue() throws Exception {
        // JN0 holds 1-5 (5 never acked), JN1 1-4, JN2 1-3.
        QuorumJournal w1 = h.formattedWriter();
        EditLogOutputStream out = start(w1, 1);
        write(out, 1, 3);
        h.cluster.stopNode(2);
        write(out, 4, 4);
        h.cluster.stopNode(1);
        out.write(HadoopOps.mkdir(5));
        out.setReadyToFlush();
        assertThatThrownBy(out::flush).isInstanceOf(IOException.class);
        w1.close();
        h.cluster.start();
        // A writer prepared on JN1+JN2, chose JN1's [1,4], accepted it on JN2 only, then crashed.
        QuorumJournal half = h.journal();
        List<JournalChannel> ch = half.channels().channels();
        long promised = 0;
        for (JournalChannel c : ch) {
            promised = Math.max(
                    promised, c.getJournalState().get(5, TimeUnit.SECONDS).lastPromisedEpoch());
        }
        long e = promised + 1;
        var ns = NamespaceMapping.of(JournalHarness.NS);
        long sourceEpoch = 0;
        for (JournalChannel c : List.of(ch.get(1), ch.get(2))) {
            c.newEpoch(ns, e).get(5, TimeUnit.SECONDS);
            c.setEpoch(e);
            var prepared = c.prepareRecovery(1).get(5, TimeUnit.SECONDS);
            assertThat(prepared.segment()).isNotNull();
            if (c == ch.get(1)) {
                sourceEpoch = Math.max(prepared.acceptedInEpoch(), prepared.lastWriterEpoch());
            }
        }
        ch.get(2)
                .acceptRecovery(new SegmentInfo(1, 4, true), ch.get(1).address(), sourceEpoch)
                .get(5, TimeUnit.SECONDS);
        half.close();
        // Without JN1, the accepted [1,4] on JN2 must beat JN0's longer copy from an older epoch.
        h.cluster.stopNode(1);
        QuorumJournal w3 = recovered();
        assertThat(readAll(w3, 1, false, false)).containsExactlyElementsOf(range(1, 4));
        h.cluster.start();
        writeSegment(w3, 5, 6);
        assertThat(readAll(recovered(), 1, false, false)).containsExactlyElementsOf(range(1, 6));
    }
}
