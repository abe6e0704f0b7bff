package io.qjmkit.client;

import static io.qjmkit.client.JournalHarness.range;
import static io.qjmkit.client.JournalHarness.readAll;
import static io.qjmkit.client.JournalHarness.start;
import static io.qjmkit.client.JournalHarness.write;
import static io.qjmkit.client.JournalHarness.writeSegment;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.hadoop.hdfs.server.namenode.EditLogInputStream;
import org.apache.hadoop.hdfs.server.namenode.EditLogOutputStream;
import org.apache.hadoop.hdfs.server.protocol.NamespaceInfo;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A single writer and readers against three real in-process JournalNodes. */
class QuorumJournalClusterTest {
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

    @Test
    void singleWriterWritesFinalizesAndReadsBack() throws IOException {
        QuorumJournal qj = h.formattedWriter();
        writeSegment(qj, 1, 3);
        writeSegment(qj, 4, 10);
        QuorumJournal reader = h.journal();
        assertThat(readAll(reader, 1, false, false)).containsExactlyElementsOf(range(1, 10));
        assertThat(readAll(reader, 5, false, true)).containsExactlyElementsOf(range(5, 10));
        List<EditLogInputStream> streams = new ArrayList<>();
        reader.selectInputStreams(streams, 4, false, false);
        assertThat(streams).hasSize(1);
        assertThat(streams.get(0).getFirstTxId()).isEqualTo(4);
        assertThat(streams.get(0).getLastTxId()).isEqualTo(10);
    }

    @Test
    void returnsNoStreamWhenNothingExistsAtOrAfterFromTxid() throws IOException {
        QuorumJournal qj = h.formattedWriter();
        writeSegment(qj, 1, 3);
        List<EditLogInputStream> streams = new ArrayList<>();
        h.journal().selectInputStreams(streams, 4, true, true);
        assertThat(streams).isEmpty();
    }

    @Test
    void readerSeesInProgressDurableEditsWhileAnotherWrites() throws IOException {
        QuorumJournal writer = h.formattedWriter();
        EditLogOutputStream out = start(writer, 1);
        write(out, 1, 5);
        QuorumJournal reader = h.journal();
        assertThat(readAll(reader, 1, false, true)).isEmpty();
        assertThat(readAll(reader, 1, true, true)).containsExactlyElementsOf(range(1, 5));
        write(out, 6, 8);
        // The flush returns once a majority holds txid 8; a reader that asks the third node while
        // its ack is still on the way may rightly see only txid 7 as durable.
        org.awaitility.Awaitility.await()
                .atMost(java.time.Duration.ofSeconds(10))
                .untilAsserted(() -> {
                    for (var jn : writer.channels().channels()) {
                        var m = jn.getManifest(1, true).get(5, java.util.concurrent.TimeUnit.SECONDS);
                        assertThat(m.segments()).anyMatch(seg -> seg.startTxId() == 1 && seg.endTxId() >= 8);
                    }
                });
        assertThat(readAll(reader, 6, true, true)).containsExactlyElementsOf(range(6, 8));
        List<EditLogInputStream> streams = new ArrayList<>();
        reader.selectInputStreams(streams, 6, true, true);
        assertThat(streams.get(0).getLastTxId()).isEqualTo(8);
        assertThat(streams.get(0).isInProgress()).isTrue();
    }

    @Test
    void hasSomeDataOnlyAfterFormat() throws IOException {
        QuorumJournal qj = h.journal(new NamespaceInfo());
        assertThat(qj.hasSomeData()).isFalse();
        qj.format(JournalHarness.NS, false);
        assertThat(qj.hasSomeData()).isTrue();
    }

    @Test
    void unformattedJournalNodeNamesTheFix() throws IOException {
        QuorumJournal qj = h.journal();
        assertThatThrownBy(qj::recoverUnfinalizedSegments)
                .isInstanceOf(IOException.class)
                .hasMessageContaining("format it")
                .hasMessageContaining("-initializeSharedEdits");
    }

    @Test
    void wrongNamespaceIsRefusedNamingBothNamespaces() throws IOException {
        h.formattedWriter();
        QuorumJournal other = h.journal(new NamespaceInfo(999, "cluster-2", "bp-2", 0L));
        assertThatThrownBy(other::recoverUnfinalizedSegments)
                .isInstanceOf(IOException.class)
                .hasMessageContaining("namespace 12345")
                .hasMessageContaining("999")
                .hasMessageContaining("dfs.namenode.shared.edits.dir");
    }

    @Test
    void purgeRemovesOnlyOldFinalizedSegments() throws Exception {
        QuorumJournal qj = h.formattedWriter();
        writeSegment(qj, 1, 3);
        writeSegment(qj, 4, 6);
        EditLogOutputStream out = start(qj, 7);
        write(out, 7, 8);
        qj.purgeLogsOlderThan(4);
        org.awaitility.Awaitility.await()
                .atMost(java.time.Duration.ofSeconds(5))
                .untilAsserted(() -> {
                    for (int i = 0; i < 3; i++) {
                        try (var files = Files.list(
                                h.cluster.storageDir(i, JournalHarness.JID).resolve("current"))) {
                            assertThat(files.map(p -> p.getFileName().toString()))
                                    .noneMatch(n -> n.startsWith("edits_0000000000000000001-"));
                        }
                    }
                });
        QuorumJournal reader = h.journal();
        assertThat(readAll(reader, 4, true, false)).containsExactlyElementsOf(range(4, 8));
    }

    @Test
    void constructorDoesNoNetworkIoAndRejectsAnEvenQuorum() throws IOException {
        h.cluster.close();
        QuorumJournal qj = h.journal();
        assertThat(qj.toString()).contains(JournalHarness.JID);
        java.net.URI even = java.net.URI.create("qjournal://127.0.0.1:1;127.0.0.1:2/j");
        assertThatThrownBy(() -> new QuorumJournal(h.conf, even, JournalHarness.NS))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("dfs.namenode.shared.edits.dir");
    }

    @Test
    void majorityDownFailsTheFlushQuicklyNamingTheNodes() throws IOException {
        QuorumJournal qj = h.formattedWriter();
        EditLogOutputStream out = start(qj, 1);
        write(out, 1, 2);
        h.cluster.stopNode(1);
        h.cluster.stopNode(2);
        out.write(org.apache.hadoop.hdfs.server.namenode.HadoopOps.mkdir(3));
        out.setReadyToFlush();
        long begin = System.nanoTime();
        assertThatThrownBy(out::flush)
                .isInstanceOf(IOException.class)
                .hasMessageContaining("2 of 3")
                .hasMessageContaining(h.cluster.rpcAddress(1).getPort() + "")
                .hasMessageContaining(h.cluster.rpcAddress(2).getPort() + "");
        assertThat(System.nanoTime() - begin).isLessThan(3_000_000_000L);
        QuorumJournal next = h.journal();
        long t0 = System.nanoTime();
        assertThatThrownBy(next::recoverUnfinalizedSegments).isInstanceOf(IOException.class);
        assertThat(System.nanoTime() - t0).isLessThan(3_000_000_000L);
    }

    @Test
    void anIdleTailingReaderIsWokenByTheNextFlush() throws Exception {
        // A wait far longer than the test: the read can only return the new edits if the append woke it.
        EditLogOutputStream out = txids1to3WithLongTailWait();
        QuorumJournal reader = h.journal();
        assertThat(readAll(reader, 1, true, true)).containsExactlyElementsOf(range(1, 3));
        assertThat(readAll(reader, 4, true, true))
                .as("first look at txid 4 answers at once")
                .isEmpty();

        java.util.concurrent.CompletableFuture<List<Long>> parked =
                java.util.concurrent.CompletableFuture.supplyAsync(() -> {
                    try {
                        return readAll(reader, 4, true, true);
                    } catch (IOException e) {
                        throw new java.io.UncheckedIOException(e);
                    }
                });
        org.awaitility.Awaitility.await()
                .atMost(java.time.Duration.ofSeconds(5))
                .until(() -> h.cluster.parkedTailReads() >= 2);
        assertThat(parked).isNotDone();
        write(out, 4, 5);
        // Woken by the flush of txid 4; txid 5 may or may not have been durable by then.
        List<Long> woken = parked.get(5, java.util.concurrent.TimeUnit.SECONDS);
        assertThat(woken).startsWith(4L).isSubsetOf(4L, 5L);
    }

    @Test
    void aTailingReaderInterruptedWhileParkedGetsNoStreamsKeepsTheInterruptAndTheReaderStillWorks() throws Exception {
        EditLogOutputStream out = txids1to3WithLongTailWait();
        QuorumJournal reader = h.journal();
        assertThat(readAll(reader, 1, true, true)).containsExactlyElementsOf(range(1, 3));

        // As Hadoop stops its edit-log tailer: an interrupt while the reader waits in the long poll.
        List<EditLogInputStream> streams = new ArrayList<>();
        java.util.concurrent.CompletableFuture<Boolean> stillInterrupted =
                new java.util.concurrent.CompletableFuture<>();
        Thread tailer = new Thread(
                () -> {
                    try {
                        reader.selectInputStreams(streams, 4, true, true);
                        stillInterrupted.complete(Thread.currentThread().isInterrupted());
                    } catch (Throwable t) {
                        stillInterrupted.completeExceptionally(t);
                    }
                },
                "Edit log tailer");
        tailer.start();
        org.awaitility.Awaitility.await()
                .atMost(java.time.Duration.ofSeconds(5))
                .until(() -> h.cluster.parkedTailReads() >= 2);
        tailer.interrupt();
        assertThat(stillInterrupted.get(5, java.util.concurrent.TimeUnit.SECONDS))
                .as("no streams and no exception, with the interrupt kept so the tailer stops")
                .isTrue();
        assertThat(streams).isEmpty();

        write(out, 4, 5);
        assertThat(readAll(reader, 4, true, true)).containsExactlyElementsOf(range(4, 5));
    }

    /** A writer's open segment holding txids 1-3, with readers made from now on waiting 10 s in a tail. */
    private EditLogOutputStream txids1to3WithLongTailWait() throws IOException {
        h.conf.setInt(io.qjmkit.client.config.ClientConfig.TAIL_WAIT_KEY, 10_000);
        EditLogOutputStream out = start(h.formattedWriter(), 1);
        write(out, 1, 3);
        return out;
    }
}
