package io.qjmkit.journalnode.journal;

import static io.qjmkit.journalnode.TestEdits.LAYOUT;
import static io.qjmkit.journalnode.TestEdits.NS;
import static io.qjmkit.journalnode.TestEdits.ops;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.qjmkit.journalnode.TestEdits.Writer;
import io.qjmkit.journalnode.metrics.JournalMetrics;
import io.qjmkit.journalnode.storage.Disk;
import io.qjmkit.journalnode.storage.FaultyDisk;
import io.qjmkit.journalnode.storage.JournalStorage;
import io.qjmkit.journalnode.storage.NioDisk;
import io.qjmkit.protocol.message.ErrorCode;
import io.qjmkit.protocol.message.JournalException;
import io.qjmkit.protocol.message.Requests;
import io.qjmkit.protocol.message.Responses;
import io.qjmkit.protocol.message.SegmentInfo;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RecoveryTest {
    @TempDir
    Path dir;

    private final LocalFetcher fetcher = new LocalFetcher();
    private final FaultyDisk disk = new FaultyDisk();
    private Journal a;
    private Journal b;

    private Journal open(String node, Disk d) throws IOException {
        Journal j = new Journal("j1", new JournalStorage(d, dir.resolve(node), "j1"), JournalMetrics.NONE, fetcher);
        j.load();
        fetcher.sources.put(node + ":1", j);
        return j;
    }

    /** A holds txids 1..5 and B 1..8 of in-progress segment 1, both written in epoch 1. */
    private void divergedCopies() throws IOException {
        a = open("a", disk);
        b = open("b", NioDisk.INSTANCE);
        for (Journal j : new Journal[] {a, b}) {
            j.format(NS, false);
            j.newEpoch(NS, 1);
        }
        Writer wa = new Writer("j1", 1);
        Writer wb = new Writer("j1", 1);
        a.startSegment(wa.info(), 1, LAYOUT);
        b.startSegment(wb.info(), 1, LAYOUT);
        a.journal(wa.journal(1, 1, 5));
        b.journal(wb.journal(1, 1, 8));
    }

    @AfterEach
    void close() throws IOException {
        for (Journal j : new Journal[] {a, b}) {
            if (j != null) {
                j.close();
            }
        }
    }

    @Test
    void prepareReportsLocalSegmentAndLastWriterEpoch() throws IOException {
        divergedCopies();
        Writer w2 = new Writer("j1", 2).committed(4);
        a.newEpoch(NS, 2);
        Responses.Prepared p = a.prepareRecovery(w2.info(), 1);
        assertThat(p).isEqualTo(new Responses.Prepared(new SegmentInfo(1, 5, true), 0, 1, 4));
    }

    @Test
    void acceptCopiesTheChosenSegmentFromItsSourceThenReportsItAsAccepted() throws IOException {
        divergedCopies();
        Writer w2 = new Writer("j1", 2);
        a.newEpoch(NS, 2);
        a.prepareRecovery(w2.info(), 1);
        SegmentInfo chosen = new SegmentInfo(1, 8, true);
        a.acceptRecovery(w2.info(), chosen, "b:1", 1);
        assertThat(a.manifest(0, false).segments()).isEmpty();
        assertThat(a.manifest(0, true).segments())
                .as("readers see it once finalized or once the new writer starts a segment")
                .isEmpty();
        assertThat(a.prepareRecovery(w2.info(), 1).segment()).isEqualTo(chosen);

        Writer w3 = new Writer("j1", 3);
        a.newEpoch(NS, 3);
        assertThat(a.prepareRecovery(w3.info(), 1)).isEqualTo(new Responses.Prepared(chosen, 2, 1, 0));
        a.acceptRecovery(w3.info(), chosen, "b:1", 2);
        a.finalizeSegment(w3.info(), 1, 8);
        // Once finalized, prepare reports the finalized copy and no accepted epoch.
        Writer w4 = new Writer("j1", 4);
        a.newEpoch(NS, 4);
        assertThat(a.prepareRecovery(w4.info(), 1))
                .isEqualTo(new Responses.Prepared(new SegmentInfo(1, 8, false), 0, 1, 0));
    }

    @Test
    void crashBetweenSegmentSyncAndAcceptRecordLeavesNoAcceptedEpoch() throws IOException {
        divergedCopies();
        Writer w2 = new Writer("j1", 2);
        a.newEpoch(NS, 2);
        a.prepareRecovery(w2.info(), 1);
        // The copy is installed, then the disk fails while the accept record is being forced.
        disk.onlyUnder(dir.resolve("a/j1/current/paxos"));
        disk.failForces(new IOException("Input/output error"));
        assertThatThrownBy(() -> a.acceptRecovery(w2.info(), new SegmentInfo(1, 8, true), "b:1", 1))
                .isInstanceOf(IOException.class);
        a.close();
        disk.heal();

        a = open("a", disk);
        Writer w3 = new Writer("j1", 3);
        a.newEpoch(NS, 3);
        Responses.Prepared p = a.prepareRecovery(w3.info(), 1);
        assertThat(p.acceptedInEpoch()).isZero();
        assertThat(p.lastWriterEpoch()).isEqualTo(1);
        assertThat(p.segment()).isEqualTo(new SegmentInfo(1, 8, true));
    }

    @Test
    void acceptNeverReplacesAFinalizedSegmentWithOtherContents() throws IOException {
        divergedCopies();
        Writer w1 = new Writer("j1", 1);
        a.newEpoch(NS, 2);
        Writer w2 = new Writer("j1", 2);
        a.prepareRecovery(w2.info(), 1);
        a.acceptRecovery(w2.info(), new SegmentInfo(1, 5, true), "a:1", 1);
        a.finalizeSegment(w2.info(), 1, 5);
        assertThatThrownBy(() -> a.acceptRecovery(w2.info(), new SegmentInfo(1, 8, true), "b:1", 1))
                .isInstanceOfSatisfying(
                        JournalException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID))
                .hasMessageContaining("finalized");
        assertThat(a.manifest(0, true).segments()).containsExactly(new SegmentInfo(1, 5, false));
        assertThat(w1.epoch()).isEqualTo(1);
    }

    @Test
    void acceptFetchesTheChosenCopyWhenTheLocalCopyOfEqualLengthDatesFromAnotherEpoch() throws IOException {
        a = open("a", disk);
        b = open("b", NioDisk.INSTANCE);
        a.format(NS, false);
        b.format(NS, false);
        // Epoch 1 wrote txids 1-5 to A only, never acknowledged.
        a.newEpoch(NS, 1);
        Writer w1 = new Writer("j1", 1);
        a.startSegment(w1.info(), 1, LAYOUT);
        a.journal(new Requests.Journal(w1.info(), 1, 1, 5, ops(1, 5)));
        // Epoch 2 wrote other ops under txids 1-5 to B (and others); its segment start missed A.
        b.newEpoch(NS, 2);
        Writer w2 = new Writer("j1", 2);
        b.startSegment(w2.info(), 1, LAYOUT);
        b.journal(new Requests.Journal(w2.info(), 1, 1, 5, ops(1, 5, 3)));
        // Epoch 3 recovers: B's copy (epoch 2) beats A's (epoch 1) of the same length.
        a.newEpoch(NS, 3);
        b.newEpoch(NS, 3);
        Writer w3 = new Writer("j1", 3);
        assertThat(a.prepareRecovery(w3.info(), 1).lastWriterEpoch()).isEqualTo(1);
        assertThat(b.prepareRecovery(w3.info(), 1).lastWriterEpoch()).isEqualTo(2);
        a.acceptRecovery(w3.info(), new SegmentInfo(1, 5, true), "b:1", 2);
        a.finalizeSegment(w3.info(), 1, 5);
        assertThat(a.readEdits(new Requests.ReadEdits("j1", 1, 1, 5, 1 << 20)).ops())
                .as("A now holds epoch 2's ops, not its own")
                .isEqualTo(ops(1, 5, 3));
    }

    @Test
    void acceptSkipsTheFetchOnlyForALocalCopyOfTheSourcesEpoch() throws IOException {
        divergedCopies();
        a.newEpoch(NS, 2);
        Writer w2 = new Writer("j1", 2);
        a.prepareRecovery(w2.info(), 1);
        SegmentInfo chosen = new SegmentInfo(1, 5, true);
        // "gone:1" cannot be fetched from: an accept that tries to fetch fails.
        assertThatThrownBy(() -> a.acceptRecovery(w2.info(), chosen, "gone:1", 2))
                .hasMessageContaining("no source gone:1");
        assertThatThrownBy(() -> a.acceptRecovery(w2.info(), chosen, "gone:1", Requests.AcceptRecovery.UNKNOWN_EPOCH))
                .hasMessageContaining("no source gone:1");
        a.acceptRecovery(w2.info(), chosen, "gone:1", 1);
        assertThat(a.prepareRecovery(w2.info(), 1).acceptedInEpoch()).isEqualTo(2);
    }

    @Test
    void finalizeRefusesACopyThatTheFinalizingEpochNeitherWroteNorAccepted() throws IOException {
        divergedCopies();
        a.newEpoch(NS, 2);
        Writer w2 = new Writer("j1", 2);
        // Epoch 2 decided segment 1 elsewhere; this node's copy is epoch 1's and may differ.
        assertThatThrownBy(() -> a.finalizeSegment(w2.info(), 1, 5))
                .isInstanceOfSatisfying(
                        JournalException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.OUT_OF_SYNC))
                .hasMessageContaining("written in epoch 1");
        assertThat(a.prepareRecovery(w2.info(), 1).segment()).isEqualTo(new SegmentInfo(1, 5, true));
    }

    @Test
    void aNewWritersSegmentStartMovesAsideAnOlderWritersOpenCopyBelowIt() throws IOException {
        divergedCopies();
        a.newEpoch(NS, 2);
        Writer w2 = new Writer("j1", 2);
        // Epoch 2 recovered segment 1 as 1-8 on other nodes and starts segment 9 here.
        a.startSegment(w2.info(), 9, LAYOUT);
        assertThat(a.journalState().currentSegment()).isEqualTo(new SegmentInfo(9, 8, true));
        Path current = dir.resolve("a/j1/current");
        assertThat(current).isDirectoryNotContaining("glob:**/edits_inprogress_0000000000000000001");
        assertThat(current).isDirectoryContaining("glob:**/edits_inprogress_0000000000000000001*stale*");
    }

    @Test
    void theOldWritersOpenSegmentIsHiddenFromManifestsFromTheNewPromiseUntilTheNewWriterStarts() throws IOException {
        divergedCopies();
        assertThat(b.manifest(0, true).segments()).containsExactly(new SegmentInfo(1, 8, true));

        b.newEpoch(NS, 2); // a new writer took over; recovery of segment 1 has not reached b yet
        assertThat(b.manifest(0, true).segments())
                .as("txids 6-8 may never have been acknowledged")
                .isEmpty();

        Writer w2 = new Writer("j1", 2);
        b.prepareRecovery(w2.info(), 1);
        b.acceptRecovery(w2.info(), new SegmentInfo(1, 8, true), "b:1", 1);
        b.finalizeSegment(w2.info(), 1, 8);
        b.startSegment(w2.info(), 9, LAYOUT);
        b.journal(w2.journal(9, 9, 1));
        assertThat(b.manifest(0, true).segments())
                .containsExactly(new SegmentInfo(1, 8, false), new SegmentInfo(9, 9, true));
    }

    @Test
    void tailReadsOfTheOpenSegmentGoToTheManifestsFromTheNewPromiseUntilTheNewWriterStarts() throws IOException {
        divergedCopies();
        Requests.TailEdits fromOne = new Requests.TailEdits("j1", 1, 1 << 20, 0);
        assertThat(a.tail(fromOne).served()).isTrue();

        // Epoch 2 chooses b's copy. a accepts it and now holds txids 1-8 under last writer epoch 1,
        // just like a node that still has an unacknowledged epoch-1 copy that recovery passed over:
        // next to such a copy, a's would make txids of that other copy look durable.
        a.newEpoch(NS, 2);
        Writer w2 = new Writer("j1", 2);
        a.prepareRecovery(w2.info(), 1);
        a.acceptRecovery(w2.info(), new SegmentInfo(1, 8, true), "b:1", 1);
        Responses.Tail unsettled = a.tail(fromOne);
        assertThat(unsettled.served()).as("the reader is sent to the manifests").isFalse();
        assertThat(unsettled.txCount()).isZero();
        assertThat(a.tail(new Requests.TailEdits("j1", 9, 1 << 20, 0)))
                .as("a reader at the end does not wait on an unsettled segment either")
                .isNotNull()
                .extracting(Responses.Tail::served)
                .isEqualTo(false);

        a.finalizeSegment(w2.info(), 1, 8);
        a.startSegment(w2.info(), 9, LAYOUT);
        a.journal(w2.journal(9, 9, 2));
        Responses.Tail settled = a.tail(new Requests.TailEdits("j1", 9, 1 << 20, 0));
        assertThat(settled.served()).isTrue();
        assertThat(List.of(settled.firstTxId(), settled.lastTxId(), settled.writerEpoch()))
                .containsExactly(9L, 10L, 2L);
    }

    @Test
    void aChosenFinalizedCopyIsFetchedOverAnInProgressOneWhateverEpochTheirNodesReport() throws IOException {
        a = open("a", NioDisk.INSTANCE);
        b = open("b", NioDisk.INSTANCE);
        Journal c = open("c", NioDisk.INSTANCE);
        try {
            for (Journal j : new Journal[] {a, b, c}) {
                j.format(NS, false);
            }
            // Epoch 1 wrote its txids 1-2 on c only; epoch 2 started segment 1 on a and b and
            // wrote other ops as txids 1-2 on b only. Neither was acknowledged.
            Writer w1 = new Writer("j1", 1);
            c.newEpoch(NS, 1);
            c.startSegment(w1.info(), 1, LAYOUT);
            c.journal(new Requests.Journal(w1.info(), 1, 1, 2, ops(1, 2, 7)));
            Writer w2 = new Writer("j1", 2);
            for (Journal j : new Journal[] {a, b}) {
                j.newEpoch(NS, 2);
                j.startSegment(w2.info(), 1, LAYOUT);
            }
            b.journal(w2.journal(1, 1, 2));
            // Epoch 3 recovers from a and c: it keeps c's copy and finalizes it on a, whose last
            // writer epoch stays 2.
            Writer w3 = new Writer("j1", 3);
            a.newEpoch(NS, 3);
            a.prepareRecovery(w3.info(), 1);
            a.acceptRecovery(w3.info(), new SegmentInfo(1, 2, true), "c:1", 1);
            a.finalizeSegment(w3.info(), 1, 2);
            Writer w4 = new Writer("j1", 4);
            b.newEpoch(NS, 4);
            b.prepareRecovery(w4.info(), 1);
            // Epoch 4 chooses a's finalized copy, which a's prepare answer dates from epoch 2, as b's.
            b.acceptRecovery(w4.info(), new SegmentInfo(1, 2, false), "a:1", 2);
            b.finalizeSegment(w4.info(), 1, 2);

            Requests.ReadEdits all = new Requests.ReadEdits("j1", 1, 1, 2, 1 << 20);
            assertThat(b.readEdits(all).ops())
                    .as("b holds the decided ops, not its own epoch-2 version")
                    .isEqualTo(ops(1, 2, 7))
                    .isEqualTo(a.readEdits(all).ops());
        } finally {
            c.close();
        }
    }

    @Test
    void acceptOfAnEmptyChoiceRemovesTheInProgressCopy() throws IOException {
        divergedCopies();
        Writer w2 = new Writer("j1", 2);
        a.newEpoch(NS, 2);
        a.acceptRecovery(w2.info(), new SegmentInfo(1, 0, true), "b:1", 1);
        assertThat(a.manifest(0, true).segments()).isEmpty();
        Writer w3 = new Writer("j1", 3);
        a.newEpoch(NS, 3);
        assertThat(a.prepareRecovery(w3.info(), 1).acceptedInEpoch()).isEqualTo(2);
    }

    @Test
    void acceptRefusesToDropACommittedTransaction() throws IOException {
        divergedCopies();
        Writer w2 = new Writer("j1", 2).committed(7);
        b.newEpoch(NS, 2);
        assertThatThrownBy(() -> b.acceptRecovery(w2.info(), new SegmentInfo(1, 5, true), "a:1", 1))
                .hasMessageContaining("committed txid 7");
    }
}
