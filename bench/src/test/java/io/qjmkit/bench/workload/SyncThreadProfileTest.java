package io.qjmkit.bench.workload;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.qjmkit.bench.workload.SyncThreadProfile.Part;
import java.util.List;
import org.junit.jupiter.api.Test;

class SyncThreadProfileTest {
    private static final String SYNC = "org/apache/hadoop/util/SubjectInheritingThread.run;"
            + "org/apache/hadoop/hdfs/server/namenode/FSEditLogAsync.run;";
    private static final String FLUSH = SYNC + "org/apache/hadoop/hdfs/server/namenode/FSEditLog.logSync;"
            + "org/apache/hadoop/hdfs/server/namenode/JournalSet$JournalSetOutputStream.flush;"
            + "org/apache/hadoop/hdfs/server/namenode/EditLogOutputStream.flush;";

    // Shaped like async-profiler's collapsed output of a qjm-kit side's sync thread.
    private static final List<String> QJM_KIT = List.of(
            FLUSH + "io/qjmkit/client/write/QuorumOutputStream.flushAndSync;"
                    + "io/qjmkit/client/channel/WriterLinks.await;sun/nio/ch/EPoll.wait;epoll_wait 60",
            FLUSH + "org/apache/hadoop/hdfs/server/namenode/EditLogFileOutputStream.flushAndSync;"
                    + "sun/nio/ch/FileDispatcherImpl.force0;__GI_fdatasync 25",
            SYNC + "org/apache/hadoop/hdfs/server/namenode/FSEditLogAsync$SyncEdit.logSyncNotify;"
                    + "___pthread_cond_signal 4",
            SYNC + "org/apache/hadoop/hdfs/server/namenode/FSEditLogAsync.dequeueEdit;"
                    + "java/util/concurrent/ArrayBlockingQueue.take_[j] 5",
            SYNC + "org/apache/hadoop/hdfs/server/namenode/FSEditLogAsync$Edit.logEdit;"
                    + "org/apache/hadoop/hdfs/server/namenode/FSEditLog.doEditTransaction_[i] 4",
            "",
            SYNC + "org/apache/hadoop/metrics2/lib/MutableGaugeInt.set 2");

    @Test
    void splitsTheSyncThreadsSamplesIntoTheParts() {
        SyncThreadProfile p = SyncThreadProfile.parse(QJM_KIT);
        assertThat(p.totalSamples()).isEqualTo(100);
        assertThat(p.samples(Part.SHARED_JOURNAL)).isEqualTo(60);
        assertThat(p.samples(Part.LOCAL_EDITS)).isEqualTo(25);
        assertThat(p.samples(Part.WAKING_WRITERS)).isEqualTo(4);
        assertThat(p.samples(Part.WAITING_FOR_OPS)).isEqualTo(5);
        assertThat(p.samples(Part.BUFFERING)).isEqualTo(4);
        assertThat(p.samples(Part.OTHER)).isEqualTo(2);
    }

    @Test
    void theLocalFileIsNotTakenForTheSharedJournalThoughBothFlushThroughTheSameBaseClass() {
        String local = FLUSH + "org/apache/hadoop/hdfs/server/namenode/EditLogFileOutputStream.flushAndSync 1";
        String hadoopShared = FLUSH + "org/apache/hadoop/hdfs/qjournal/client/QuorumOutputStream.flushAndSync;"
                + "org/apache/hadoop/hdfs/qjournal/client/QuorumCall.waitFor;java/lang/Object.wait 1";
        assertThat(SyncThreadProfile.parse(List.of(local)).samples(Part.LOCAL_EDITS))
                .isEqualTo(1);
        assertThat(SyncThreadProfile.parse(List.of(hadoopShared)).samples(Part.SHARED_JOURNAL))
                .isEqualTo(1);
    }

    @Test
    void timePerSyncIsEachPartsShareOfTheProfiledTimeDividedBySyncs() {
        SyncThreadProfile p = SyncThreadProfile.parse(QJM_KIT);
        // 1000 ms profiled, 2000 syncs: 0.5 ms per sync, of which 60 % shared journal, 25 % local file.
        List<Figure> f = p.figures("group commit", 1000, 2000, 7000);
        assertThat(f)
                .extracting(Figure::metric)
                .containsExactly(
                        "sync thread: shared journal flush per sync",
                        "sync thread: local edits file flush per sync",
                        "sync thread: all else per sync",
                        "txns per sync");
        assertThat(f.get(0).value()).isCloseTo(0.30, within(1e-9));
        assertThat(f.get(1).value()).isCloseTo(0.125, within(1e-9));
        assertThat(f.get(2).value()).isCloseTo(0.075, within(1e-9));
        assertThat(f.get(3).value()).isCloseTo(3.5, within(1e-9));
        assertThat(p.text("qjm-kit", 1000, 2000, 7000))
                .contains("2000 syncs, 7000 txns (3.50 per sync); 0.500 ms per sync")
                .contains("  60.0 %  0.300 ms per sync  shared journal flush");
    }

    @Test
    void noSamplesOrNoSyncsGiveNoRows() {
        assertThat(SyncThreadProfile.parse(List.of()).figures("g", 1000, 10, 10))
                .isEmpty();
        assertThat(SyncThreadProfile.parse(QJM_KIT).figures("g", 1000, 0, 0)).isEmpty();
    }

    @Test
    void aLineWithoutASampleCountIsRejectedNamingIt() {
        assertThatThrownBy(() -> SyncThreadProfile.parse(List.of("a;b;c")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("a;b;c");
        assertThatThrownBy(() -> SyncThreadProfile.parse(List.of("a;b x")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("bad sample count");
    }
}
