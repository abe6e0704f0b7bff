package io.qjmkit.journalnode.journal;

import static io.qjmkit.journalnode.TestEdits.LAYOUT;
import static io.qjmkit.journalnode.TestEdits.NS;
import static io.qjmkit.journalnode.TestEdits.OTHER_NS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.qjmkit.journalnode.TestEdits.Writer;
import io.qjmkit.journalnode.metrics.JournalMetrics;
import io.qjmkit.journalnode.storage.JournalStorage;
import io.qjmkit.journalnode.storage.MetaFiles;
import io.qjmkit.journalnode.storage.NioDisk;
import io.qjmkit.protocol.edits.OpFraming;
import io.qjmkit.protocol.message.ErrorCode;
import io.qjmkit.protocol.message.JournalException;
import io.qjmkit.protocol.message.Requests;
import io.qjmkit.protocol.message.Responses;
import io.qjmkit.protocol.message.SegmentInfo;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JournalTest {
    @TempDir
    Path dir;

    private Journal journal;

    private Journal open() throws IOException {
        Journal j = new Journal(
                "j1", new JournalStorage(NioDisk.INSTANCE, dir, "j1"), JournalMetrics.NONE, SegmentFetcher.NONE);
        j.load();
        return j;
    }

    private Journal formatted() throws IOException {
        journal = open();
        journal.format(NS, false);
        return journal;
    }

    @AfterEach
    void close() throws IOException {
        if (journal != null) {
            journal.close();
        }
    }

    private static void assertRefused(ThrowingCallable call, ErrorCode code, String... words) {
        assertThatThrownBy(call)
                .isInstanceOfSatisfying(
                        JournalException.class, e -> assertThat(e.code()).isEqualTo(code))
                .hasMessageContainingAll(words);
    }

    /** Formats, takes epoch 1 and writes txids 1..n in segment 1. */
    private Writer writing(int n) throws IOException {
        Journal j = formatted();
        Writer w = new Writer("j1", 1);
        j.newEpoch(NS, 1);
        j.startSegment(w.info(), 1, LAYOUT);
        if (n > 0) {
            j.journal(w.journal(1, 1, n));
        }
        return w;
    }

    @Test
    void callsOnUnformattedJournalNameTheJournalAndTheFix() throws IOException {
        journal = open();
        assertThat(journal.state()).isEqualTo(Journal.State.UNFORMATTED);
        assertRefused(() -> journal.newEpoch(NS, 1), ErrorCode.NOT_FORMATTED, "j1", "-format");
        assertRefused(() -> journal.manifest(0, true), ErrorCode.NOT_FORMATTED, "j1");
    }

    @Test
    void formatRefusesExistingDataWithoutForceAndWipesWithForce() throws IOException {
        writing(3);
        assertRefused(() -> journal.format(NS, false), ErrorCode.ALREADY_FORMATTED, "j1", "force");
        journal.format(OTHER_NS, true);
        assertThat(journal.manifest(0, true).segments()).isEmpty();
        assertRefused(() -> journal.newEpoch(NS, 5), ErrorCode.NAMESPACE_MISMATCH, "1234", "999");
    }

    @Test
    void newEpochPersistsPromiseBeforeAnswering() throws IOException {
        formatted();
        assertThat(journal.newEpoch(NS, 3).lastSegment()).isNull();
        // The answer is out: the promise must already be on disk.
        assertThat(MetaFiles.readLong(dir.resolve("j1/current/last-promised-epoch"), -1))
                .isEqualTo(3);
        journal.close();
        journal = open();
        assertRefused(() -> journal.newEpoch(NS, 3), ErrorCode.EPOCH_FENCED, "3");
        assertThatThrownBy(() -> journal.newEpoch(NS, 2))
                .isInstanceOfSatisfying(
                        JournalException.class, e -> assertThat(e.detail()).isEqualTo(3));
    }

    @Test
    void rejectsJournalFromStaleEpoch() throws IOException {
        Writer old = writing(2);
        journal.newEpoch(NS, 2);
        assertThatThrownBy(() -> journal.journal(old.journal(1, 3, 1)))
                .isInstanceOfSatisfying(JournalException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.EPOCH_FENCED);
                    assertThat(e.detail()).isEqualTo(2);
                })
                .hasMessageContainingAll("epoch 1", "promised epoch 2");
    }

    @Test
    void newerEpochOnRequestIsPromisedButWritesNeedTheWriterEpoch() throws IOException {
        writing(2);
        Writer newer = new Writer("j1", 5);
        assertRefused(() -> journal.journal(newer.journal(1, 3, 1)), ErrorCode.OUT_OF_SYNC, "epoch 5", "1");
        assertThat(journal.journalState().lastPromisedEpoch()).isEqualTo(5);
    }

    @Test
    void requestSerialsMustIncreaseWithinAnEpoch() throws IOException {
        writing(1);
        var info = new io.qjmkit.protocol.message.RequestInfo("j1", 1, 0, 0);
        assertRefused(() -> journal.heartbeat(info), ErrorCode.INVALID, "out of order");
    }

    @Test
    void gapAnswerCarriesLastTxId() throws IOException {
        Writer w = writing(5);
        assertThatThrownBy(() -> journal.journal(w.journal(1, 9, 2)))
                .isInstanceOfSatisfying(JournalException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.GAP);
                    assertThat(e.detail()).isEqualTo(5);
                });
        assertThat(journal.journal(w.journal(1, 6, 5)).lastTxId()).isEqualTo(10);
    }

    @Test
    void resendIsIdempotentAndPartialOverlapAppendsOnlyTheRest() throws IOException {
        Writer w = writing(5);
        assertThat(journal.journal(w.journal(1, 2, 3)).lastTxId()).isEqualTo(5);
        assertThat(journal.journal(w.journal(1, 4, 4)).lastTxId()).isEqualTo(7);
        Responses.Edits all = journal.readEdits(new Requests.ReadEdits("j1", 1, 1, 100, 1 << 20));
        assertThat(all.lastTxId()).isEqualTo(7);
        assertThat(OpFraming.scan(all.ops(), 1).opCount()).isEqualTo(7);
    }

    @Test
    void batchThatIsNotExactlyTheAnnouncedOpsIsRejected() throws IOException {
        Writer w = writing(0);
        byte[] two = io.qjmkit.journalnode.TestEdits.ops(1, 2);
        assertRefused(
                () -> journal.journal(new Requests.Journal(w.info(), 1, 1, 3, two)), ErrorCode.INVALID, "exactly 3");
        byte[] torn = java.util.Arrays.copyOf(two, two.length - 1);
        assertRefused(() -> journal.journal(new Requests.Journal(w.info(), 1, 1, 2, torn)), ErrorCode.INVALID, "TORN");
    }

    @Test
    void finalizeMismatchRejectedAndRepeatIsIdempotent() throws IOException {
        Writer w = writing(5);
        assertRefused(() -> journal.finalizeSegment(w.info(), 1, 7), ErrorCode.INVALID, "7", "5");
        journal.finalizeSegment(w.info(), 1, 5);
        journal.finalizeSegment(w.info(), 1, 5);
        assertThat(journal.manifest(0, false).segments()).containsExactly(new SegmentInfo(1, 5, false));
        assertThat(journal.state()).isEqualTo(Journal.State.READY);
    }

    @Test
    void startSegmentRefusesFinalizedStartAndTxidsAlreadyHeld() throws IOException {
        Writer w = writing(5);
        journal.finalizeSegment(w.info(), 1, 5);
        assertRefused(() -> journal.startSegment(w.info(), 1, LAYOUT), ErrorCode.INVALID, "finalized");
        assertRefused(() -> journal.startSegment(w.info(), 4, LAYOUT), ErrorCode.INVALID, "up to 5");
        journal.startSegment(w.info(), 6, LAYOUT);
        assertThat(journal.state()).isEqualTo(Journal.State.WRITING);
    }

    @Test
    void restartedJournalReopensInProgressSegmentForAppend() throws IOException {
        Writer w = writing(5);
        journal.close();
        journal = open();
        assertThat(journal.journal(w.journal(1, 6, 2)).lastTxId()).isEqualTo(7);
        assertThat(journal.state()).isEqualTo(Journal.State.WRITING);
    }

    @Test
    void manifestAndReadsSeeOnlyHeldTransactions() throws IOException {
        Writer w = writing(5);
        journal.finalizeSegment(w.info(), 1, 5);
        journal.startSegment(w.info(), 6, LAYOUT);
        journal.journal(w.journal(6, 6, 3));
        assertThat(journal.manifest(0, true).segments())
                .containsExactly(new SegmentInfo(1, 5, false), new SegmentInfo(6, 8, true));
        assertThat(journal.manifest(6, false).segments()).isEmpty();
        Responses.Edits e = journal.readEdits(new Requests.ReadEdits("j1", 0, 7, 100, 1000));
        assertThat(List.of(e.firstTxId(), e.lastTxId())).containsExactly(7L, 8L);
        assertThat(e.segment()).isEqualTo(new SegmentInfo(6, 8, true));
        Responses.Edits none = journal.readEdits(new Requests.ReadEdits("j1", 6, 9, 100, 1000));
        assertThat(none.txCount()).isZero();
        assertRefused(
                () -> journal.readEdits(new Requests.ReadEdits("j1", 0, 50, 100, 1000)), ErrorCode.NO_SEGMENT, "50");
    }

    @Test
    void purgeNeverRemovesCurrentSegment() throws IOException {
        Writer w = writing(5);
        journal.finalizeSegment(w.info(), 1, 5);
        journal.startSegment(w.info(), 6, LAYOUT);
        journal.journal(w.journal(6, 6, 3));
        journal.purge(w.info(), 100);
        assertThat(journal.manifest(0, true).segments()).containsExactly(new SegmentInfo(6, 8, true));
        journal.finalizeSegment(w.info(), 6, 8);
        journal.purge(w.info(), 100);
        assertThat(journal.manifest(0, true).segments()).containsExactly(new SegmentInfo(6, 8, false));
    }

    @Test
    void discardRemovesSegmentsFromAStartOnly() throws IOException {
        Writer w = writing(5);
        journal.finalizeSegment(w.info(), 1, 5);
        journal.startSegment(w.info(), 6, LAYOUT);
        journal.journal(w.journal(6, 6, 3));
        assertRefused(() -> journal.discardSegments(3), ErrorCode.INVALID, "contains");
        journal.discardSegments(6);
        assertThat(journal.manifest(0, true).segments()).containsExactly(new SegmentInfo(1, 5, false));
    }

    @Test
    void upgradeKeepsPreviousUntilFinalizedAndRollsBack() throws IOException {
        Writer w = writing(5);
        journal.finalizeSegment(w.info(), 1, 5);
        var upgraded = new io.qjmkit.protocol.message.NamespaceMeta(-67, 1234, "cluster-a", 99, "bp-1");
        journal.upgrade(new Requests.Upgrade("j1", Requests.UpgradeOp.PRE_UPGRADE, upgraded, NS, -67));
        journal.upgrade(new Requests.Upgrade("j1", Requests.UpgradeOp.UPGRADE, upgraded, NS, -67));
        assertThat(journal.upgrade(new Requests.Upgrade("j1", Requests.UpgradeOp.GET_CTIME, upgraded, NS, -67)))
                .isEqualTo(99);
        assertThat(journal.upgrade(new Requests.Upgrade("j1", Requests.UpgradeOp.CAN_ROLL_BACK, upgraded, NS, -67)))
                .isEqualTo(1);
        journal.upgrade(new Requests.Upgrade("j1", Requests.UpgradeOp.ROLL_BACK, upgraded, NS, -67));
        assertThat(journal.upgrade(new Requests.Upgrade("j1", Requests.UpgradeOp.GET_CTIME, NS, NS, -66)))
                .isEqualTo(0);
        assertThat(journal.manifest(0, true).segments()).containsExactly(new SegmentInfo(1, 5, false));
        assertThat(journal.upgrade(new Requests.Upgrade("j1", Requests.UpgradeOp.CAN_ROLL_BACK, NS, NS, -66)))
                .isEqualTo(0);
    }
}
